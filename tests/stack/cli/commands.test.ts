/**
 * The CLI commands as a developer runs them: start (detached, idempotent), status, stop, reset,
 * and the failure cases, each of which must print one actionable line and leave nothing behind.
 */
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync, appendFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { isPortFree, isProcessAlive } from '../../../supabase/local/process.ts'
import { readState } from '../../../supabase/local/state.ts'
import { ANON_KEY } from '../../../supabase/local/keys.ts'

const PORT_BASE = 27321
const STATE_DIR = path.join(PROJECT_ROOT, '.supabase-local/cli-test')
const PORTS = [PORT_BASE, PORT_BASE + 1, PORT_BASE + 3, PORT_BASE + 9, PORT_BASE + 10, PORT_BASE + 11]

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'supabase/local/cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        SB_LOCAL_PROJECT_ROOT: path.join(PROJECT_ROOT, 'tests/stack/fixture'),
        SB_LOCAL_PORT_BASE: String(PORT_BASE),
        SB_LOCAL_STATE_DIR: STATE_DIR,
        ...extraEnv,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

/** Every start failure names the log to read (relative to the project root), and that log exists. */
function expectNamesAnExistingLog(stderr: string) {
  const log = /\(log: (.+)\)$/.exec(stderr.trim())?.[1]
  expect(log, stderr).toBeDefined()
  expect(existsSync(path.resolve(PROJECT_ROOT, log!)), log).toBe(true)
}

async function allPortsFree() {
  return (await Promise.all(PORTS.map((port) => isPortFree(port)))).every(Boolean)
}

afterAll(async () => {
  await cli(['stop'])
})

describe('supabase:start / status / stop', { timeout: 120_000 }, () => {
  it('starts detached, prints URLs and keys, and a second start is harmless', async () => {
    const first = await cli(['start', '--detach'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`API URL: http://127.0.0.1:${PORT_BASE}`)
    expect(first.stdout).toContain('anon key: eyJ')
    const state = readState(STATE_DIR)!
    expect(isProcessAlive(state.supervisorPid)).toBe(true)

    const health = await fetch(`http://127.0.0.1:${PORT_BASE}/auth/v1/health`)
    expect(health.status).toBe(200)

    const second = await cli(['start', '--detach'])
    expect(second.code).toBe(0)
    expect(readState(STATE_DIR)!.supervisorPid).toBe(state.supervisorPid)
  })

  it('status -o env prints the names `supabase status -o env` uses', async () => {
    const { code, stdout } = await cli(['status', '-o', 'env'])
    expect(code).toBe(0)
    const values = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    )
    for (const key of ['API_URL', 'DB_URL', 'ANON_KEY', 'SERVICE_ROLE_KEY', 'JWT_SECRET', 'MAILPIT_URL', 'INBUCKET_URL']) {
      expect(values[key], key).toMatch(/^".+"$/)
    }
    expect(values.API_URL).toBe(`"http://127.0.0.1:${PORT_BASE}"`)
    expect(values.DB_URL).toBe(`"postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres"`)
  })

  it('shows where each service logs', async () => {
    const { stdout } = await cli(['status'])
    for (const service of ['postgres', 'postgrest', 'auth', 'gateway']) {
      const logFile = path.join(STATE_DIR, 'logs', `${service}.log`)
      expect(stdout).toContain(logFile)
      expect(existsSync(logFile), logFile).toBe(true)
    }
  })

  it('db:reset re-creates the database from migrations and seed', async () => {
    const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres` })
    await client.connect()
    await client.query('create table public.scratch_table (id int)')
    await client.end()

    const reset = await cli(['reset'])
    expect(reset.code).toBe(0)

    const after = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres` })
    await after.connect()
    const scratch = await after.query(`select to_regclass('public.scratch_table') as t`)
    const items = await after.query('select count(*)::int as n from public.items')
    const migrations = await after.query('select version from supabase_migrations.schema_migrations order by version')
    await after.end()
    expect(scratch.rows[0].t).toBeNull()
    expect(items.rows[0].n).toBe(1500)
    expect(migrations.rows.length).toBeGreaterThan(0)
  })

  it('a start applies migrations added since the database was created, without re-seeding', async () => {
    const migration = path.join(PROJECT_ROOT, 'tests/stack/fixture/supabase/migrations/29991231000000_cli-test-pending.sql')
    await cli(['stop'])
    writeFileSync(
      migration,
      'create table public.cli_pending_check (id int primary key);\nalter table public.cli_pending_check enable row level security;\n',
    )
    try {
      const start = await cli(['start', '--detach'])
      expect(start.code).toBe(0)
      const client = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PORT_BASE + 1}/postgres` })
      await client.connect()
      const table = await client.query(`select to_regclass('public.cli_pending_check') as t`)
      const recorded = await client.query(`select 1 from supabase_migrations.schema_migrations where version = '29991231000000'`)
      const items = await client.query('select count(*)::int as n from public.items')
      await client.end()
      expect(table.rows[0].t).toBe('cli_pending_check')
      expect(recorded.rowCount).toBe(1)
      expect(items.rows[0].n).toBe(1500) // the seed did not run again
    } finally {
      rmSync(migration, { force: true })
    }
  })

  it('stop ends every process and frees every port', async () => {
    const state = readState(STATE_DIR)!
    const stop = await cli(['stop'])
    expect(stop.code).toBe(0)
    expect(isProcessAlive(state.supervisorPid)).toBe(false)
    expect(state.postgresPid && isProcessAlive(state.postgresPid)).toBe(false)
    expect(state.postgrestPid && isProcessAlive(state.postgrestPid)).toBe(false)
    expect(await allPortsFree()).toBe(true)

    const status = await cli(['status'])
    expect(status.code).toBe(1)
    expect(status.stderr).toContain('not running')
  })
})

describe('start failures print one actionable line and leave nothing behind', { timeout: 120_000 }, () => {
  it('a port already taken', async () => {
    const blocker = net.createServer().listen(PORT_BASE, '127.0.0.1')
    await new Promise((resolve) => blocker.once('listening', resolve))
    try {
      const result = await cli(['start', '--detach'])
      expect(result.code).not.toBe(0)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toContain(`Port ${PORT_BASE} (API gateway) is already in use`)
      expectNamesAnExistingLog(result.stderr)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
    expect(await allPortsFree()).toBe(true)
  })

  it('a missing PostgREST binary names the POSTGREST_BIN override', async () => {
    const result = await cli(['start', '--detach'], { POSTGREST_BIN: '/nonexistent/postgrest' })
    expect(result.code).not.toBe(0)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain('POSTGREST_BIN=/nonexistent/postgrest does not exist')
    expectNamesAnExistingLog(result.stderr)
    expect(await allPortsFree()).toBe(true)
  })

  it('a Postgres that will not start', async () => {
    const conf = path.join(STATE_DIR, 'pgdata', 'postgresql.auto.conf')
    expect(existsSync(conf)).toBe(true)
    appendFileSync(conf, "\nshared_buffers = 'not-a-size'\n")
    try {
      const result = await cli(['start', '--detach'])
      expect(result.code).not.toBe(0)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toMatch(/Postgres did not start on port \d+: .*invalid value for parameter "shared_buffers"/)
      expectNamesAnExistingLog(result.stderr)
      expect(await allPortsFree()).toBe(true)
    } finally {
      writeFileSync(conf, '# Do not edit this file manually!\n')
    }
  })

  it('recovers from a killed stack: the orphans are cleaned up on the next start', async () => {
    const started = await cli(['start', '--detach'])
    expect(started.code).toBe(0)
    const state = readState(STATE_DIR)!
    process.kill(state.supervisorPid, 'SIGKILL') // Postgres and PostgREST are left orphaned
    const restarted = await cli(['start', '--detach'])
    expect(restarted.stderr).toBe('')
    expect(restarted.code).toBe(0)
    const health = await fetch(`http://127.0.0.1:${PORT_BASE}/rest/v1/items?select=id&limit=1`, {
      headers: { apikey: ANON_KEY },
    })
    expect(health.status).toBe(200)
    await cli(['stop'])
    expect(await allPortsFree()).toBe(true)
    rmSync(path.join(STATE_DIR, 'state.json'), { force: true })
  })
})
