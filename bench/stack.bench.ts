/**
 * `npm run bench:stack`: how fast the local stack starts and how much the gateway costs.
 *
 * Runs a private stack (fixture project, ports 28100+, its own data dir) so a developer's
 * stack is untouched. Figures are reported as ratios against baselines measured in the same
 * run (direct PostgREST for the gateway), because these machines are noisy. `--smoke`: one warm
 * start and a few dozen requests of each kind, no target asserted (bench/mode.ts).
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import { webSocketTransport } from '../app/lib/websocket.server.ts'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { PORTS, SMOKE, size, verdict } from './mode.ts'

const PORT_BASE = PORTS.stack
const API = `http://127.0.0.1:${PORT_BASE}`
const REST_DIRECT = `http://127.0.0.1:${PORT_BASE + 9}`
const env = {
  ...process.env,
  SB_LOCAL_PORT_BASE: String(PORT_BASE),
  SB_LOCAL_STATE_DIR: path.join(PROJECT_ROOT, '.supabase-local/bench-stack'),
  SB_LOCAL_DISABLE_RATE_LIMITS: '1',
}
const FIXTURE = path.join(PROJECT_ROOT, 'tests/stack/fixture')
const BARE_PROXY_PORT = PORT_BASE + 50

/**
 * The floor for any Node gateway: a bare keep-alive proxy with no routing, CORS or key
 * mapping, in its own process as the gateway is. It shows what the extra hop itself costs.
 */
const BARE_PROXY_SOURCE = `
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true })
http.createServer((req, res) => {
  const headers = { ...req.headers, authorization: 'Bearer ' + req.headers.apikey }
  const upstream = http.request({ host: '127.0.0.1', port: ${PORT_BASE + 9}, method: req.method, path: req.url.slice(8), headers, agent }, (r) => {
    res.writeHead(r.statusCode, r.headers)
    r.pipe(res)
  })
  req.pipe(upstream)
}).listen(${BARE_PROXY_PORT}, '127.0.0.1', () => console.log('ready'))
`

function cli(...args: string[]): Promise<{ code: number; ms: number; output: string }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'supabase/local/cli.ts'), ...args], {
      env: { ...env, SB_LOCAL_PROJECT_ROOT: FIXTURE },
      cwd: PROJECT_ROOT,
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('exit', (code) => resolve({ code: code ?? 1, ms: performance.now() - started, output }))
  })
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await fn()
  return performance.now() - started
}

/** Times a request that must succeed: a refused one would measure the refusal, not the path. */
async function expectOk(fn: () => Promise<Response>): Promise<number> {
  const started = performance.now()
  const res = await fn()
  await res.arrayBuffer()
  const elapsed = performance.now() - started
  if (!res.ok) throw new Error(`${res.url}: ${res.status}`)
  return elapsed
}

const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length })
const fmt = (ms: number) => `${ms.toFixed(2)} ms`

async function main() {
  await cli('stop')
  // Cold start: a fresh database (bootstrap, migrations, seed), then stop; the warm start reuses it.
  const cold = await cli('reset')
  if (cold.code !== 0) throw new Error(`cold start failed:\n${cold.output}`)
  await cli('stop')
  const warmRuns: number[] = []
  const warmStarts = size(3, 1)
  for (let i = 0; i < warmStarts; i++) {
    const warm = await cli('start', '--detach')
    if (warm.code !== 0) throw new Error(`warm start failed:\n${warm.output}`)
    warmRuns.push(warm.ms)
    if (i < warmStarts - 1) await cli('stop')
  }

  const bareProxy = spawn(process.execPath, ['-e', BARE_PROXY_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    await new Promise((resolve) => bareProxy.stdout.once('data', resolve))
    const restPath = '/items?select=id,name&id=lte.10'
    const viaGateway = () => fetch(`${API}/rest/v1${restPath}`, { headers: { apikey: ANON_KEY } })
    const viaBareProxy = () => fetch(`http://127.0.0.1:${BARE_PROXY_PORT}/rest/v1${restPath}`, { headers: { apikey: ANON_KEY } })
    const direct = () => fetch(`${REST_DIRECT}${restPath}`, { headers: { Authorization: `Bearer ${ANON_KEY}` } })
    for (let i = 0; i < size(200, 10); i++) await Promise.all([expectOk(viaGateway), expectOk(viaBareProxy), expectOk(direct)]) // warm-up: connections, plan caches, JIT
    const gatewaySamples: number[] = []
    const bareSamples: number[] = []
    const directSamples: number[] = []
    // Interleaved rounds, so all three see the same machine noise.
    const perRound = size(100, 10)
    for (let round = 0; round < size(20, 2); round++) {
      for (let i = 0; i < perRound; i++) gatewaySamples.push(await expectOk(viaGateway))
      for (let i = 0; i < perRound; i++) bareSamples.push(await expectOk(viaBareProxy))
      for (let i = 0; i < perRound; i++) directSamples.push(await expectOk(direct))
    }

    const invoke = () =>
      fetch(`${API}/functions/v1/echo`, {
        method: 'POST',
        headers: { apikey: ANON_KEY, Authorization: `Bearer ${ANON_KEY}`, 'Content-Type': 'application/json' },
        body: '{"hello":"bench"}',
      })
    const functionColdMs = await expectOk(invoke)
    for (let i = 0; i < size(50, 5); i++) await expectOk(invoke)
    const functionSamples: number[] = []
    for (let i = 0; i < size(500, 20); i++) functionSamples.push(await expectOk(invoke))

    const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: webSocketTransport } }
    const admin = createClient(API, SERVICE_ROLE_KEY, options)
    const email = `bench-${randomUUID()}@example.com`
    const password = `pw-${randomUUID()}`
    const created = await admin.auth.admin.createUser({ email, password, email_confirm: true })
    if (created.error) throw created.error
    const client = createClient(API, ANON_KEY, options)
    const signInSamples: number[] = []
    for (let i = 0; i < size(30, 3); i++) {
      signInSamples.push(
        await time(async () => {
          const { error } = await client.auth.signInWithPassword({ email, password })
          if (error) throw error
        }),
      )
    }

    const gateway = summary(gatewaySamples)
    const bare = summary(bareSamples)
    const restDirect = summary(directSamples)
    const results = {
      date: new Date().toISOString(),
      coldStartMs: cold.ms,
      warmStartMs: { runs: warmRuns, median: percentile(warmRuns, 50) },
      restSelect: {
        gateway,
        bareNodeProxy: bare,
        direct: restDirect,
        ratioP50: gateway.p50 / restDirect.p50,
        ratioP95: gateway.p95 / restDirect.p95,
        bareProxyRatioP50: bare.p50 / restDirect.p50,
      },
      functionInvoke: { coldFirstCallMs: functionColdMs, ...summary(functionSamples) },
      passwordSignIn: summary(signInSamples),
    }
    console.log(`
Local stack benchmark${SMOKE ? ' (smoke)' : ''} (${results.date})
  cold start (reset: initdb, bootstrap, migrations, seed) : ${fmt(cold.ms)}
  warm supabase:start, to ready (median of ${warmStarts})              : ${fmt(results.warmStartMs.median)}   target ≤ 5000 ms: ${verdict(results.warmStartMs.median <= 5000)}
  REST select via gateway      p50 ${fmt(gateway.p50)}  p95 ${fmt(gateway.p95)}
  REST select bare Node proxy  p50 ${fmt(bare.p50)}  p95 ${fmt(bare.p95)}
  REST select direct PostgREST p50 ${fmt(restDirect.p50)}  p95 ${fmt(restDirect.p95)}
  gateway / direct             p50 ${results.restSelect.ratioP50.toFixed(2)}×  p95 ${results.restSelect.ratioP95.toFixed(2)}×   target ≤ 1.30× at p50: ${verdict(results.restSelect.ratioP50 <= 1.3)}
  bare Node proxy / direct     p50 ${results.restSelect.bareProxyRatioP50.toFixed(2)}×   (the cost of any extra Node hop)
  gateway / bare Node proxy    p50 ${(gateway.p50 / bare.p50).toFixed(2)}×
  function invoke              p50 ${fmt(results.functionInvoke.p50)}  p95 ${fmt(results.functionInvoke.p95)}  (first call, incl. Deno boot: ${fmt(functionColdMs)})
  password sign-in             p50 ${fmt(results.passwordSignIn.p50)}  p95 ${fmt(results.passwordSignIn.p95)}
`)
    if (!SMOKE) {
      const outDir = path.join(PROJECT_ROOT, 'bench/results')
      mkdirSync(outDir, { recursive: true })
      writeFileSync(path.join(outDir, 'stack.json'), JSON.stringify(results, null, 2))
    }
  } finally {
    bareProxy.kill()
    await cli('stop')
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
