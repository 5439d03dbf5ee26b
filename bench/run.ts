/**
 * `npm run bench` (every benchmark in full, one after another, so none measures beside another)
 * and `npm run bench:smoke` (every benchmark once with `--smoke`, two at a time, part of
 * `npm test`; ADR 016). The app is built once into build-bench for the benchmarks that serve it.
 * Every benchmark runs even when one before it fails; the run fails if any did, and ends with a
 * table of what ran, how long it took and how it ended.
 * `--only ssr,feed` runs some of them; `--jobs N` changes how many run at a time;
 * `--reuse-build` serves the build already in BENCH_BUILD_DIR (npm test: the e2e run's).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { BENCH_BUILD_DIR } from './mode.ts'

interface Benchmark {
  name: string
  script: string
  /** Serves the production build (started by scripts/support/portal.ts or bench/feed-page.ts). */
  needsBuild: boolean
}

/** In `npm run bench`'s order; the smoke run starts the longest first so two lanes finish together. */
const BENCHMARKS: Benchmark[] = [
  { name: 'stack', script: 'bench/stack.bench.ts', needsBuild: false },
  { name: 'ssr', script: 'bench/ssr.bench.ts', needsBuild: true },
  { name: 'survey', script: 'bench/survey.bench.ts', needsBuild: false },
  { name: 'matching', script: 'bench/matching.bench.ts', needsBuild: false },
  { name: 'feed', script: 'bench/feed.bench.ts', needsBuild: true },
  { name: 'policy', script: 'bench/policy.bench.ts', needsBuild: false },
  { name: 'lighthouse', script: 'scripts/lighthouse.ts', needsBuild: true },
]
const SMOKE_ORDER = ['stack', 'feed', 'lighthouse', 'policy', 'survey', 'ssr', 'matching']

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    jobs: { type: 'string' },
    'reuse-build': { type: 'boolean', default: false },
  },
})
const smoke = values.smoke
const jobs = Number(values.jobs ?? (smoke ? 2 : 1))
if (!Number.isInteger(jobs) || jobs < 1) throw new Error('--jobs must be a whole number ≥ 1')
const only = values.only?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !BENCHMARKS.some((b) => b.name === name)) ?? []
if (unknown.length) throw new Error(`no benchmark called ${unknown.join(', ')}; there are ${BENCHMARKS.map((b) => b.name).join(', ')}`)
const chosen = BENCHMARKS.filter((b) => !only || only.includes(b.name))
const queue = smoke ? [...chosen].sort((a, b) => SMOKE_ORDER.indexOf(a.name) - SMOKE_ORDER.indexOf(b.name)) : chosen

interface Outcome {
  name: string
  ms: number
  ok: boolean
  /** Output, kept whole so that two benchmarks running at once do not interleave their lines (empty when streamed). */
  output: string
}

/** With `stream`, the output goes straight through (one at a time); otherwise it is kept and returned. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stream = false,
): Promise<{ code: number; output: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', stream ? 'inherit' : 'pipe', stream ? 'inherit' : 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => (output += String(error)))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output, ms: performance.now() - started }))
  })
}

const started = performance.now()
const buildDir = path.resolve(PROJECT_ROOT, BENCH_BUILD_DIR)
if (values['reuse-build'] && !existsSync(path.join(buildDir, 'server/index.js')))
  throw new Error(`--reuse-build: there is no build in ${buildDir}`)
const needsBuild = queue.some((b) => b.needsBuild) && !values['reuse-build']
const build = needsBuild
  ? run('npm', ['run', '--silent', 'build'], { ...process.env, BUILD_DIR: buildDir })
  : Promise.resolve({ code: 0, output: '', ms: 0 })
const env = { ...process.env, BENCH_PREBUILT: '1', ...(smoke ? { BENCH_SMOKE: '1' } : {}) }

// A full run measures nothing while the build runs; a smoke run starts its first benchmarks beside it.
if (!smoke) await build

const outcomes: Outcome[] = []
async function lane() {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const benchmark = next
    if (benchmark.needsBuild) {
      const built = await build
      if (built.code !== 0) {
        outcomes.push({ name: benchmark.name, ms: 0, ok: false, output: `not run: the build failed\n${built.output}` })
        continue
      }
    }
    // One at a time, the benchmark's output streams as it goes; otherwise it is shown when done.
    const stream = jobs === 1
    if (stream) console.log(`\n── ${benchmark.name} ──`)
    const result = await run(process.execPath, ['--import', 'tsx', benchmark.script, ...(smoke ? ['--smoke'] : [])], env, stream)
    const outcome = { name: benchmark.name, ms: result.ms, ok: result.code === 0, output: result.output }
    outcomes.push(outcome)
    console.log(
      `\n── ${benchmark.name}: ${outcome.ok ? 'ok' : 'FAILED'} in ${(outcome.ms / 1000).toFixed(1)} s ──${stream ? '' : `\n${outcome.output.trimEnd()}`}`,
    )
  }
}
await Promise.all(Array.from({ length: jobs }, lane))
const built = await build

const total = (performance.now() - started) / 1000
console.log(
  `\n${smoke ? 'Benchmark smoke run' : 'Benchmarks'}: ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} ok, ${total.toFixed(1)} s in all, ${jobs} at a time`,
)
if (needsBuild)
  console.log(`  ${'build'.padEnd(11)} ${built.code === 0 ? 'ok    ' : 'FAILED'} ${(built.ms / 1000).toFixed(1).padStart(6)} s`)
for (const o of outcomes) console.log(`  ${o.name.padEnd(11)} ${o.ok ? 'ok    ' : 'FAILED'} ${(o.ms / 1000).toFixed(1).padStart(6)} s`)
process.exitCode = outcomes.every((o) => o.ok) && built.code === 0 ? 0 : 1
