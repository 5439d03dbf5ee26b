/**
 * Full run or smoke run. `npm run bench` measures; `npm run bench:smoke` (part of `npm test`)
 * runs every benchmark once with a few requests of load and the smallest sizes, so a benchmark
 * that no longer measures what it says (a redirect instead of a page, a refused request, a
 * missing route) fails the gate instead of rotting until someone next runs it (ADR 016).
 * A smoke run asserts that the benchmark works, never its targets: timings on a loaded 2-core
 * machine are not evidence.
 *
 * Ports: every benchmark has its own stack port base from 28100 and app port from 3600, clear
 * of the test suites' ports, so `npm run bench` can run beside `npm test`.
 */
export const SMOKE = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1'

/** The full figure, or the smoke one. */
export const size = <T>(full: T, smoke: T): T => (SMOKE ? smoke : full)

/**
 * The verdict on a target: printed in both modes; in a full run a miss sets a failing exit code,
 * in a smoke run it is only reported.
 */
export function verdict(ok: boolean): 'PASS' | 'FAIL' | 'not asserted (smoke)' {
  if (SMOKE) return 'not asserted (smoke)'
  if (!ok) process.exitCode = 1
  return ok ? 'PASS' : 'FAIL'
}

/**
 * bench/run.ts builds the app once into this directory and sets BENCH_PREBUILT=1, so the
 * benchmarks that need a production server (ssr, feed page, lighthouse) do not each build it.
 * `npm test` points it at the build its e2e run has just made (the build takes no settings).
 */
export const BENCH_BUILD_DIR = process.env.BENCH_BUILD_DIR ?? 'build-bench'
export const PREBUILT = process.env.BENCH_PREBUILT === '1'

export const PORTS = {
  stack: 28100,
  ssr: { stack: 28200, app: 3600 },
  survey: 28300,
  feed: { stack: 28400, app: 3610 },
  policy: 28500,
  lighthouse: { stack: 28600, app: 3620 },
} as const
