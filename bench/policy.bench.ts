/**
 * `npm run bench:policy`: the live admin-role check against the claim-only one it replaced
 * (bench/policy-cost.ts), on a private stack loaded with `seed:large` (10,000 advocates, 200,000
 * interactions). Target (issue 9 §5): each policy query within 1.5× of the claim-only check.
 * `--db-url <url>` measures an existing database instead (one with the seed applied).
 * `--smoke`: a small seed and a few iterations, no target asserted (bench/mode.ts); the
 * measurement itself is also smoke-tested on the test stack by tests/db/policy-cost.test.ts.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig, PROJECT_ROOT, stackUrls } from '../supabase/local/config.ts'
import { cleanUpStale, startStack, type RunningStack } from '../supabase/local/supervisor.ts'
import { seedLarge } from '../scripts/seed-large.ts'
import { measurePolicyCost } from './policy-cost.ts'
import { PORTS, SMOKE, size, verdict } from './mode.ts'
import { SMOKE_SEED_SIZE } from './smoke-seed.ts'

const TARGET_RATIO = 1.5
const PORT_BASE = PORTS.policy

async function main() {
  const { values } = parseArgs({ options: { 'db-url': { type: 'string' }, smoke: { type: 'boolean', default: false } } })
  let stack: RunningStack | null = null
  const stateDir = path.join(PROJECT_ROOT, '.supabase-local/bench-policy')
  let dbUrl = values['db-url']
  if (!dbUrl) {
    const config = loadConfig({
      env: { ...process.env, SB_LOCAL_PORT_BASE: String(PORT_BASE), SB_LOCAL_STATE_DIR: stateDir, SB_LOCAL_PROJECT_ROOT: PROJECT_ROOT },
    })
    await cleanUpStale(config)
    stack = await startStack(config, { freshDatabase: true })
    dbUrl = stackUrls(config).db
    const seed = await seedLarge({ dbUrl, size: SMOKE ? SMOKE_SEED_SIZE : undefined })
    console.log(`seed: ${seed.advocates} advocates, ${seed.interactions} interactions in ${(seed.ms / 1000).toFixed(1)} s`)
  }
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ admin: string; advocate: string }>(
      `select (select id from auth.users where raw_app_meta_data ->> 'role' = 'admin' limit 1) as admin,
              (select profile_id from public.interactions group by profile_id order by count(*) desc limit 1) as advocate`,
    )
    if (!rows[0].admin || !rows[0].advocate)
      throw new Error('the database has no admin or no advocate with interactions: is seed:large applied?')
    const results = await measurePolicyCost(
      client,
      { adminId: rows[0].admin, advocateId: rows[0].advocate },
      { rounds: size(6, 2), iterations: size(40, 3) },
    )
    console.log(`\nPolicy query p50 (ms)${SMOKE ? ' (smoke)' : ''}: claim-only is_admin() vs live role check, same run, interleaved`)
    let worst = 0
    for (const r of results) {
      worst = Math.max(worst, r.ratio)
      console.log(`  ${r.label.padEnd(40)} claim ${r.claimP50.toFixed(3)}  live ${r.liveP50.toFixed(3)}  ratio ${r.ratio.toFixed(2)}×`)
    }
    console.log(`\nworst ratio ${worst.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${verdict(worst <= TARGET_RATIO)}`)
  } finally {
    await client.end()
    if (stack) {
      await stack.stop()
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}

await main()
