/**
 * `npm run bench:ssr`: server-side rendering of the signed-in home under load (10 concurrent)
 * through the production server, with the real session check and the home's reads through
 * PostgREST. The advocate is arranged as real data with a finished survey: without one, the home
 * answers 302 to /welcome and the benchmark would time a redirect. It runs once per user-token
 * signing mode: ES256 (current Supabase projects; the token is verified locally) and HS256
 * (legacy shared secret; Auth is asked on every request). The baseline, measured in the same run,
 * is a static file from the same server. `--smoke`: ES256 only, a few requests (bench/mode.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { startPortal } from '../scripts/support/portal.ts'
import { load, type LoadResult } from './load.ts'
import { BENCH_BUILD_DIR, PORTS, PREBUILT, SMOKE, verdict } from './mode.ts'

const CONNECTIONS = 10
const DURATION_MS = 10_000
const TARGET_P95_MS = 50

const row = (name: string, r: LoadResult) =>
  `  ${name.padEnd(30)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}`

/** Load that answered anything but 200 measured something else: the benchmark is broken. */
function expectClean(what: string, r: LoadResult) {
  if (r.requests === 0 || r.errors > 0) throw new Error(`${what}: ${r.errors} of ${r.requests} requests failed or answered other than 200`)
  return r
}

const results: Record<string, { staticFile: LoadResult; home: LoadResult }> = {}
let built = PREBUILT
for (const jwtMode of SMOKE ? (['ES256'] as const) : (['ES256', 'HS256'] as const)) {
  const portal = await startPortal({
    portBase: PORTS.ssr.stack,
    appPort: PORTS.ssr.app,
    stateDir: path.join(PROJECT_ROOT, '.supabase-local/bench-ssr'),
    buildDir: path.resolve(PROJECT_ROOT, BENCH_BUILD_DIR),
    skipBuild: built,
    rateLimitMultiplier: 1000,
    serverOutput: 'ignore',
    jwtMode,
  })
  built = true
  try {
    const { cookie } = await portal.signedInAdvocate({ displayName: 'Bench Advocate' })
    const check = await fetch(`${portal.appUrl}/`, { headers: { Cookie: cookie }, redirect: 'manual' })
    const html = await check.text()
    if (check.status !== 200 || !html.includes('Welcome back')) {
      throw new Error(
        `signed-in home did not render (status ${check.status}${check.headers.get('location') ? ` to ${check.headers.get('location')}` : ''})`,
      )
    }
    // Warm up: JIT, connection pools, PostgREST's plan cache, the JWKS cache.
    await load(`${portal.appUrl}/`, { connections: CONNECTIONS, durationMs: 2_000, headers: { Cookie: cookie } })
    const staticFile = expectClean(
      'static file',
      await load(`${portal.appUrl}/favicon.svg`, { connections: CONNECTIONS, durationMs: DURATION_MS }),
    )
    const home = expectClean(
      'signed-in home',
      await load(`${portal.appUrl}/`, { connections: CONNECTIONS, durationMs: DURATION_MS, headers: { Cookie: cookie } }),
    )
    results[jwtMode] = { staticFile, home }
  } finally {
    await portal.stop()
  }
}

console.log(
  `\nSSR benchmark${SMOKE ? ' (smoke)' : ''}, ${CONNECTIONS} concurrent, ${SMOKE ? 'a few requests per connection' : `${DURATION_MS / 1000} s`} each (production server, compression on)`,
)
for (const [mode, { staticFile, home }] of Object.entries(results)) {
  console.log(row(`${mode}: static file (baseline)`, staticFile))
  console.log(row(`${mode}: signed-in home (SSR)`, home))
  console.log(
    `  ${mode}: home p95 ${home.p95.toFixed(1)} ms, target ≤ ${TARGET_P95_MS} ms: ${verdict(home.p95 <= TARGET_P95_MS)}; ${(home.p95 / staticFile.p95).toFixed(1)}× the static file's p95`,
  )
}
if (!SMOKE) {
  const outDir = path.join(PROJECT_ROOT, 'bench/results')
  mkdirSync(outDir, { recursive: true })
  writeFileSync(
    path.join(outDir, 'ssr.json'),
    JSON.stringify({ date: new Date().toISOString(), connections: CONNECTIONS, results }, null, 2),
  )
}
