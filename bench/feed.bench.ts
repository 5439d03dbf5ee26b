/**
 * `npm run bench:feed`: the feed at program scale, in one run, on a private stack of the real
 * project (ports 26100+, its own data dir) with `seed:large` applied:
 *   (a) the pure ranking (`rankFeed`) of every candidate one advocate can see (the whole
 *       catalogue their feed reads), and of 1,000 of them as before; baseline: `sort` of 1,000
 *       numbers, interleaved. Target: median ≤ 2 ms for every candidate they can see.
 *   (b) the `feed` function through the gateway for several large-seed advocates (eligible,
 *       ineligible, no survey, heavy users), one at a time and 10 at a time; baselines in the same
 *       run, interleaved: a trivial REST GET through the gateway with the same JWT, and the
 *       function's own floor (a request it refuses before reading anything). Target: p95 ≤ 80 ms
 *       at 10 concurrent.
 *   (c) the feed page's SSR p95 at 10 concurrent against the home page's (bench/feed-page.ts),
 *       target ≤ 3×; skipped with a message until the route exists.
 * `--asks N --gives N` size the catalogue as `seed:large`'s options do (opportunities and content
 * rows; defaults 1,000 and 500); the report counts the open asks and published gives they give.
 * `--api <url> --db-url <url>` measures an already running stack (seeded with seed:large) instead;
 * `--skip-page` leaves out (c). `--smoke`: a small seed (bench/smoke-seed.ts), a few requests of
 * each kind and a few page loads per connection, no target asserted (bench/mode.ts).
 */
import { rmSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import { webSocketTransport } from '../app/lib/websocket.server.ts'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { cleanUpStale, startStack, type RunningStack } from '../supabase/local/supervisor.ts'
import type { TypedSupabaseClient } from '../supabase/functions/_shared/clients.ts'
import { loadFeedInputs, type FeedInputs } from '../supabase/functions/_shared/feed-inputs.ts'
import { prepareCatalogue, rankFeed, type RankFeedInput } from '../supabase/functions/_shared/matching.ts'
import { seedLarge, sizeFromOptions } from '../scripts/seed-large.ts'
import { benchFeedPage, TARGET_RATIO, type FeedPageResult } from './feed-page.ts'
import { pickAdvocates, type BenchAdvocate } from './feed-advocates.ts'
import { PORTS, SMOKE, size, verdict as judge } from './mode.ts'
import { SMOKE_SEED_SIZE } from './smoke-seed.ts'

const PORT_BASE = PORTS.feed.stack
const APP_PORT = PORTS.feed.app
const TARGET_RANK_MEDIAN_MS = 2
const TARGET_FEED_P95_MS = 80
const CONCURRENCY = 10
const ROUNDS = size(8, 1)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length }
}
type Summary = ReturnType<typeof summary>
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`

/**
 * (a) As bench/matching.bench.ts, on the large seed's rows for one advocate, cut to 1,000
 * candidates. Each ranking gets its catalogue prepared once, as the feed function's cache holds it.
 */
function benchRanking(inputs: FeedInputs) {
  const input: RankFeedInput = { ...inputs, catalogue: inputs.prepared }
  const sorted = [...input.opportunities].sort((a, b) => Number(a.id) - Number(b.id)).slice(0, 600)
  const content = [...input.content].sort((a, b) => Number(a.id) - Number(b.id)).slice(0, 1000 - sorted.length)
  const thousand = { ...input, opportunities: sorted, content, catalogue: prepareCatalogue(sorted, content) }
  const baselineScores = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1000)
  let sink = 0
  for (let i = 0; i < size(200, 5); i++)
    sink += rankFeed(thousand).items.length + rankFeed(input).items.length + [...baselineScores].sort((a, b) => b - a)[0]
  const engine: number[] = []
  const whole: number[] = []
  const baseline: number[] = []
  for (let i = 0; i < size(500, 20); i++) {
    let started = performance.now()
    sink += rankFeed(thousand).items.length
    engine.push(performance.now() - started)
    started = performance.now()
    sink += rankFeed(input).items.length
    whole.push(performance.now() - started)
    started = performance.now()
    sink += [...baselineScores].sort((a, b) => b - a)[0]
    baseline.push(performance.now() - started)
  }
  if (Number.isNaN(sink)) console.log('unreachable; keeps the work observable')
  return {
    candidates: thousand.opportunities.length + thousand.content.length,
    wholeCandidates: input.opportunities.length + input.content.length,
    rankFeed: summary(engine),
    rankFeedWhole: summary(whole),
    baselineSort: summary(baseline),
  }
}

async function timed(url: string, headers: Record<string, string>, expect: number): Promise<number> {
  const started = performance.now()
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  const elapsed = performance.now() - started
  if (res.status !== expect) throw new Error(`${url}: ${res.status}, expected ${expect}`)
  return elapsed
}

/** (b) Feed, REST baseline and function floor, sequential and 10 at a time, in interleaved rounds. */
async function benchFunction(apiUrl: string, advocates: BenchAdvocate[]) {
  const kinds = {
    feed: { path: '/functions/v1/feed', status: 200 },
    rest: { path: '/rest/v1/program_settings?select=id', status: 200 },
    floor: { path: '/functions/v1/feed?limit=none', status: 400 },
  } as const
  type Kind = keyof typeof kinds
  const request = (kind: Kind, a: BenchAdvocate) => timed(`${apiUrl}${kinds[kind].path}`, a.headers, kinds[kind].status)
  const seq: Record<Kind, number[]> = { feed: [], rest: [], floor: [] }
  const conc: Record<Kind, number[]> = { feed: [], rest: [], floor: [] }
  const perAdvocate = new Map<string, number[]>()
  const batch = async (kind: Kind, offset: number) => {
    const group = Array.from({ length: CONCURRENCY }, (_, i) => advocates[(offset + i) % advocates.length])
    const times = await Promise.all(group.map((a) => request(kind, a)))
    conc[kind].push(...times)
    if (kind === 'feed') group.forEach((a, i) => perAdvocate.get(a.label)!.push(times[i]))
  }
  for (const a of advocates) perAdvocate.set(a.label, [])
  for (let i = 0; i < size(3, 1); i++) for (const a of advocates) for (const kind of Object.keys(kinds) as Kind[]) await request(kind, a)
  for (let i = 0; i < size(5, 1); i++) for (const kind of Object.keys(kinds) as Kind[]) await batch(kind, i)
  for (const kind of Object.keys(kinds) as Kind[]) conc[kind].length = 0
  for (const a of advocates) perAdvocate.set(a.label, [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of Object.keys(kinds) as Kind[]) for (const a of advocates) seq[kind].push(await request(kind, a))
    for (const kind of Object.keys(kinds) as Kind[]) for (let i = 0; i < 3; i++) await batch(kind, round * 3 + i)
  }
  const map = (r: Record<Kind, number[]>) => ({ feed: summary(r.feed), rest: summary(r.rest), floor: summary(r.floor) })
  return {
    sequential: map(seq),
    concurrent10: map(conc),
    perAdvocate10: Object.fromEntries([...perAdvocate].map(([k, v]) => [k, summary(v)])),
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      'db-url': { type: 'string' },
      'skip-page': { type: 'boolean', default: false },
      asks: { type: 'string' },
      gives: { type: 'string' },
      smoke: { type: 'boolean', default: false },
    },
  })
  const seedSize = SMOKE && !values.asks && !values.gives ? SMOKE_SEED_SIZE : sizeFromOptions(values)
  let stack: RunningStack | null = null
  const stateDir = path.join(PROJECT_ROOT, '.supabase-local/bench-feed')
  let apiUrl = values.api
  let dbUrl = values['db-url']
  let seeded = 'already applied (--api)'
  if (!apiUrl) {
    const config = loadConfig({
      env: {
        ...process.env,
        SB_LOCAL_PORT_BASE: String(PORT_BASE),
        SB_LOCAL_STATE_DIR: stateDir,
        SB_LOCAL_DISABLE_RATE_LIMITS: '1',
        SB_LOCAL_PROJECT_ROOT: PROJECT_ROOT,
      },
    })
    await cleanUpStale(config)
    stack = await startStack(config, { freshDatabase: true })
    apiUrl = stackUrls(config).api
    dbUrl = stackUrls(config).db
    const seed = await seedLarge({ dbUrl, size: seedSize })
    seeded = `${seed.advocates} advocates, ${seed.opportunities} asks, ${seed.content} gives, ${seed.ledger} ledger rows, ${seed.interactions} interactions in ${(seed.ms / 1000).toFixed(1)} s`
  }
  if (!dbUrl) throw new Error('--api needs --db-url too')
  try {
    const db = new pg.Client({ connectionString: dbUrl })
    await db.connect()
    const catalogue = await db
      .query<{ asks: number; gives: number }>(
        `select (select count(*) from public.opportunities where status = 'open')::int as asks,
                (select count(*) from public.content_items where published_at <= now())::int as gives`,
      )
      .then((res) => res.rows[0])
    seeded += `; catalogue: ${catalogue.asks} open asks, ${catalogue.gives} published gives`
    const advocates = await pickAdvocates(db, apiUrl).finally(() => db.end())
    const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: webSocketTransport } }
    const subject = advocates.find((a) => a.label.startsWith('eligible'))!
    const inputs = await loadFeedInputs({
      caller: createClient(apiUrl, ANON_KEY, {
        ...options,
        global: { headers: { Authorization: subject.headers.Authorization } },
      }) as unknown as TypedSupabaseClient,
      service: createClient(apiUrl, SERVICE_ROLE_KEY, options) as unknown as TypedSupabaseClient,
      profileId: subject.id,
      now: new Date().toISOString(),
    })
    const ranking = benchRanking(inputs)
    const fn = await benchFunction(apiUrl, advocates)
    const page: FeedPageResult = values['skip-page']
      ? { skipped: 'feed page: skipped (--skip-page)' }
      : await benchFeedPage({ apiUrl, appPort: APP_PORT, email: subject.email, password: 'password123' })
    report({ seeded, advocates, ranking, fn, page })
  } finally {
    if (stack) {
      await stack.stop()
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}

function report(r: {
  seeded: string
  advocates: BenchAdvocate[]
  ranking: ReturnType<typeof benchRanking>
  fn: Awaited<ReturnType<typeof benchFunction>>
  page: FeedPageResult
}) {
  const verdict = judge
  const ratio = (a: Summary, b: Summary) => `p50 ${(a.p50 / b.p50).toFixed(1)}×  p95 ${(a.p95 / b.p95).toFixed(1)}×`
  const line = (name: string, s: Summary) =>
    `    ${name.padEnd(26)} p50 ${ms(s.p50).padStart(9)}   p95 ${ms(s.p95).padStart(9)}   (n=${s.n})`
  const { ranking: a, fn } = r
  const out = [
    `\nfeed benchmark${SMOKE ? ' (smoke)' : ''} (${new Date().toISOString()}), private stack on ${PORT_BASE}; seed:large ${r.seeded}`,
    `  advocates: ${r.advocates.map((x) => x.label).join(', ')}`,
    `(a) rankFeed, all ${a.wholeCandidates} candidates the advocate can see   median ${ms(a.rankFeedWhole.p50)}  p95 ${ms(a.rankFeedWhole.p95)}   target median ≤ ${TARGET_RANK_MEDIAN_MS} ms: ${verdict(a.rankFeedWhole.p50 <= TARGET_RANK_MEDIAN_MS)} (${(a.rankFeedWhole.p50 / TARGET_RANK_MEDIAN_MS).toFixed(2)}× the target)`,
    `    rankFeed, ${a.candidates} of them         median ${ms(a.rankFeed.p50)}  p95 ${ms(a.rankFeed.p95)}`,
    `    baseline sort(1,000)             median ${ms(a.baselineSort.p50)}  p95 ${ms(a.baselineSort.p95)}   rankFeed / sort: ${ratio(a.rankFeed, a.baselineSort)}`,
    `(b) feed function through the gateway`,
    `  1 at a time`,
    line('feed (page 1, 20 items)', fn.sequential.feed),
    line('baseline: REST GET', fn.sequential.rest),
    line('baseline: function floor', fn.sequential.floor),
    `    feed / REST ${ratio(fn.sequential.feed, fn.sequential.rest)};  feed / floor ${ratio(fn.sequential.feed, fn.sequential.floor)}`,
    `  ${CONCURRENCY} at a time`,
    line('feed (page 1, 20 items)', fn.concurrent10.feed),
    line('baseline: REST GET', fn.concurrent10.rest),
    line('baseline: function floor', fn.concurrent10.floor),
    `    feed / REST ${ratio(fn.concurrent10.feed, fn.concurrent10.rest)};  feed / floor ${ratio(fn.concurrent10.feed, fn.concurrent10.floor)}`,
    `    feed p95 ${ms(fn.concurrent10.feed.p95)}, target ≤ ${TARGET_FEED_P95_MS} ms: ${verdict(fn.concurrent10.feed.p95 <= TARGET_FEED_P95_MS)}`,
    `    per advocate at ${CONCURRENCY} at a time: ${Object.entries(fn.perAdvocate10)
      .map(([k, s]) => `${k} ${ms(s.p95)}`)
      .join(', ')} (p95)`,
    'skipped' in r.page
      ? `(c) ${r.page.skipped}`
      : [
          `(c) SSR at ${CONCURRENCY} concurrent, signed in as ${r.advocates.find((x) => x.label.startsWith('eligible'))!.label}`,
          `    home /  p50 ${ms(r.page.home.p50)}  p95 ${ms(r.page.home.p95)}  (${r.page.home.requests} requests, ${r.page.home.errors} errors)`,
          `    /feed   p50 ${ms(r.page.feed.p50)}  p95 ${ms(r.page.feed.p95)}  (${r.page.feed.requests} requests, ${r.page.feed.errors} errors)`,
          `    feed / home p95 ${r.page.ratioP95.toFixed(2)}×, target ≤ ${TARGET_RATIO}×: ${verdict(r.page.ratioP95 <= TARGET_RATIO)}`,
        ].join('\n'),
  ]
  console.log(out.join('\n'))
  if (SMOKE) return
  const outDir = path.join(PROJECT_ROOT, 'bench/results')
  mkdirSync(outDir, { recursive: true })
  writeFileSync(
    path.join(outDir, 'feed.json'),
    JSON.stringify({ date: new Date().toISOString(), ...r, advocates: r.advocates.map((x) => x.label) }, null, 2),
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
