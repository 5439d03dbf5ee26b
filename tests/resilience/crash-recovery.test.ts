/**
 * Issue 10 §8: a crashed service comes back by itself and the portal with it. A production build
 * on a private stack takes writes and page views without pause while PostgREST, the function
 * workers and Postgres are SIGKILLed in turn; each must be restarted (the others staying up),
 * the portal must answer only 200 or its 503 page meanwhile (never a 500), and every insert
 * that was acknowledged with a 201 must still be in the table at the end.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPortal } from '../../scripts/support/portal.ts'
import { PROJECT_ROOT } from '../../supabase/local/config.ts'
import { SERVICE_ROLE_KEY } from '../../supabase/local/keys.ts'
import { delay, isProcessAlive } from '../../supabase/local/process.ts'

const PORT_BASE = 27800
const APP_PORT = 3301
/** A second server on the same build whose Supabase URL has nothing behind it: everything is down. */
const ORPHAN_APP_PORT = 3302
const NOTHING_LISTENS = PORT_BASE + 50
/** Generous for a loaded 2-core machine; only bounds the loops, nothing is timed. */
const RECOVERY_BOUND_MS = 90_000

type Portal = Awaited<ReturnType<typeof startPortal>>
let portal: Portal
let db: pg.Pool
let cookie: string
const serverOutput: string[] = []

beforeAll(async () => {
  portal = await startPortal({
    portBase: PORT_BASE,
    appPort: APP_PORT,
    stateDir: path.join(PROJECT_ROOT, `.supabase-local/resilience-${PORT_BASE}`),
    buildDir: path.join(PROJECT_ROOT, `build-resilience-${APP_PORT}`),
    skipBuild: Boolean(process.env.RESILIENCE_SKIP_BUILD),
    serverOutput: 'pipe',
  })
  for (const stream of [portal.server.stdout, portal.server.stderr])
    stream?.on('data', (d: Buffer) => serverOutput.push(d.toString('utf8')))
  db = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres`, max: 2 })
  db.on('error', () => {}) // the pool's idle connections die with Postgres, on purpose
  await db.query(`create table public.resilience_writes (id uuid primary key, written_at timestamptz not null default now())`)
  await db.query(`alter table public.resilience_writes enable row level security`)
  await db.query(`grant select, insert on public.resilience_writes to service_role`)
  await db.query(`notify pgrst, 'reload schema'`)
  await until('PostgREST to see the test table', async () => (await insert(randomUUID())) === 201)
  const signIn = await fetch(`${portal.appUrl}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.appUrl },
    body: new URLSearchParams({ intent: 'password', email: 'ava@example.com', password: 'password123' }),
    redirect: 'manual',
  })
  expect(signIn.status).toBe(302)
  cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.endsWith('='))
    .join('; ')
}, 900_000)

afterAll(async () => {
  await db?.end().catch(() => {})
  await portal?.stop()
}, 120_000)

function insert(id: string): Promise<number> {
  return fetch(`${portal.apiUrl}/rest/v1/resilience_writes`, {
    method: 'POST',
    headers: {
      apikey: SERVICE_ROLE_KEY,
      Authorization: `Bearer ${SERVICE_ROLE_KEY}`,
      'Content-Type': 'application/json',
      Prefer: 'return=minimal',
    },
    body: JSON.stringify({ id }),
    signal: AbortSignal.timeout(15_000),
  }).then(
    async (response) => (await response.arrayBuffer(), response.status),
    () => 0,
  )
}

async function page(url: string, path: string) {
  const response = await fetch(`${url}${path}`, { headers: { Cookie: cookie }, redirect: 'manual', signal: AbortSignal.timeout(20_000) })
  return { status: response.status, headers: response.headers, body: await response.text() }
}

async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + RECOVERY_BOUND_MS
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await delay(200)
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** Requests that never stop while services are killed: writes to the API, the feed through the portal. */
function startLoad() {
  const acknowledged: string[] = []
  const portalStatuses = new Map<number, number>()
  const feedRequests: Array<{ status: number; startedAt: number; endedAt: number }> = []
  const healthBodies: Array<{ status: number; body: string }> = []
  let running = true
  const writer = (async () => {
    while (running) {
      const id = randomUUID()
      if ((await insert(id)) === 201) acknowledged.push(id)
      else await delay(50)
    }
  })()
  const reader = (async () => {
    while (running) {
      const startedAt = Date.now()
      const feed = await page(portal.appUrl, '/feed').catch(() => ({ status: 0 }))
      feedRequests.push({ status: feed.status, startedAt, endedAt: Date.now() })
      portalStatuses.set(feed.status, (portalStatuses.get(feed.status) ?? 0) + 1)
      const health = await page(portal.appUrl, '/healthz').catch(() => undefined)
      if (health) healthBodies.push({ status: health.status, body: health.body })
    }
  })()
  return {
    acknowledged,
    portalStatuses,
    feedRequests,
    healthBodies,
    async stop() {
      running = false
      await Promise.all([writer, reader])
    },
  }
}

/** Every function worker (Deno) the in-process supervisor started. */
function functionWorkerPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('deno-host.js')
      } catch {
        return false
      }
    })
}

const portalServes = async () =>
  (await page(portal.appUrl, '/feed')).status === 200 && (await page(portal.appUrl, '/healthz')).status === 200

describe('a crashed service is restarted and the portal recovers by itself', { timeout: 600_000 }, () => {
  it('survives PostgREST, the function workers and Postgres being killed in turn, losing no acknowledged write', async () => {
    await until('the portal to serve the feed', portalServes)
    expect(functionWorkerPids().length).toBeGreaterThan(0)
    const load = startLoad()
    const recovery: Record<string, number> = {}
    const killedAt: Record<string, number> = {}
    try {
      const kill = async (service: string, pids: () => number[], isBack: () => boolean) => {
        const victims = pids()
        expect(victims.length, `${service} processes`).toBeGreaterThan(0)
        const before = load.acknowledged.length
        // Synchronous from the timestamp to the signals, so no request can start in between.
        killedAt[service] = Date.now()
        for (const pid of victims) process.kill(pid, 'SIGKILL')
        await until(`${service} to be restarted`, async () => isBack())
        await until(`the portal to serve again after ${service}`, portalServes)
        // Writes were acknowledged again after the restart, not only before the kill.
        await until(`writes after ${service}`, async () => load.acknowledged.length > before + 3)
        recovery[service] = Date.now() - killedAt[service]
      }

      const restPid = portal.stack.state.postgrestPid!
      await kill(
        'PostgREST',
        () => [restPid],
        () => portal.stack.state.postgrestPid !== restPid && isProcessAlive(portal.stack.state.postgrestPid!),
      )

      const workers = functionWorkerPids()
      await kill(
        'function workers',
        () => workers,
        () => functionWorkerPids().some((pid) => !workers.includes(pid)),
      )

      const pgPid = portal.stack.state.postgresPid!
      const restAfter = portal.stack.state.postgrestPid
      await kill(
        'Postgres',
        () => [pgPid],
        () => portal.stack.state.postgresPid !== pgPid && isProcessAlive(portal.stack.state.postgresPid!),
      )
      // PostgREST reconnected to the new Postgres rather than being restarted itself.
      expect(portal.stack.state.postgrestPid).toBe(restAfter)
    } finally {
      await load.stop()
    }

    // Nothing but the page or the friendly 503 while services were down: no 500, no refused or hung
    // request. The one exception is as on hosted Supabase: a feed request whose function worker was
    // killed under it answers 500 (WORKER_ERROR), and the next request boots a fresh worker.
    const workersKilledAt = killedAt['function workers']
    const killedUnderIt = (r: { startedAt: number; endedAt: number }) => r.startedAt <= workersKilledAt && workersKilledAt <= r.endedAt
    // Each offending request with its start relative to every kill, so a failure says which one.
    const unexpected = load.feedRequests
      .filter((r) => ![200, 503].includes(r.status) && !(r.status === 500 && killedUnderIt(r)))
      .map((r) => ({
        status: r.status,
        tookMs: r.endedAt - r.startedAt,
        startedMsAfterKill: Object.fromEntries(Object.entries(killedAt).map(([service, at]) => [service, r.startedAt - at])),
      }))
    expect(unexpected).toEqual([])
    for (const { status, body } of load.healthBodies.filter((h) => h.status !== 200)) {
      expect(status).toBe(503)
      expect(Object.values(JSON.parse(body).checks)).toContain('down')
    }
    const { rows } = await db.query<{ id: string }>('select id from public.resilience_writes')
    const stored = new Set(rows.map((row) => row.id))
    expect(load.acknowledged.length).toBeGreaterThan(20)
    expect(load.acknowledged.filter((id) => !stored.has(id))).toEqual([])
    // The report: how long each service took to come back, with the portal serving again.
    console.info('recovery after SIGKILL (ms):', JSON.stringify(recovery), 'portal statuses:', JSON.stringify([...load.portalStatuses]))
  })

  it('answers a friendly 503 page and a /healthz naming what is down when Supabase cannot be reached', async () => {
    const orphan = await portal.startInstance(ORPHAN_APP_PORT, { SUPABASE_URL: `http://127.0.0.1:${NOTHING_LISTENS}` }, 'answers')
    for (const stream of [orphan.process.stdout, orphan.process.stderr])
      stream?.on('data', (d: Buffer) => serverOutput.push(d.toString('utf8')))

    const feed = await page(orphan.url, '/feed')
    expect(feed.status).toBe(503)
    expect(feed.headers.get('content-type')).toContain('text/html')
    expect(feed.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(feed.body).toContain('Back in a moment')
    expect(feed.body).toContain('Try again')
    expect(feed.body).not.toMatch(/at \S+ \(|Error:/) // no stack trace, no error text

    const health = await page(orphan.url, '/healthz')
    expect(health.status).toBe(503)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'degraded', checks: { rest: 'down', auth: 'down', functions: 'down' } })

    // The stack's own portal, next to it, is healthy and says so part by part.
    const healthy = await page(portal.appUrl, '/healthz')
    expect(healthy.status).toBe(200)
    expect(JSON.parse(healthy.body)).toMatchObject({ status: 'ok', checks: { database: 'ok', rest: 'ok', auth: 'ok', functions: 'ok' } })
  })
})
