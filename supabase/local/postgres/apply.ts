/**
 * Builds a fresh database the way `supabase db reset` does: platform bootstrap, then
 * `supabase/roles.sql`, then `supabase/migrations/*.sql` in file-name order, then the seed files.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { StackConfig } from '../config.ts'
import type { Logger } from '../types.ts'

const BOOTSTRAP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bootstrap')
const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/

export class MigrationError extends Error {}

export async function applyDatabase(config: StackConfig, dbUrl: string, log: Logger): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    for (const file of readdirSync(BOOTSTRAP_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      await runBatch(client, path.join(BOOTSTRAP_DIR, file), `bootstrap ${file}`, log)
    }
    if (!config.api.autoExposeNewTables) await revokeAutoExpose(client)

    const rolesFile = path.join(config.supabaseDir, 'roles.sql')
    if (existsSync(rolesFile)) await runBatch(client, rolesFile, 'supabase/roles.sql', log)

    await applyMigrations(client, config, log)
    if (config.db.seed.enabled) await applySeeds(client, config, log)
    await client.query(`notify pgrst, 'reload schema'`)
  } finally {
    await client.end()
  }
}

/**
 * On an existing database, a start applies the migrations added since it was created, as
 * `supabase migration up` would, so pulling new code never leaves the local schema behind.
 * Seeds are not re-run; `db:reset` rebuilds everything.
 */
export async function applyPendingMigrations(config: StackConfig, dbUrl: string, log: Logger): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl })
  await client.connect()
  try {
    const applied = await applyMigrations(client, config, log)
    if (applied > 0) await client.query(`notify pgrst, 'reload schema'`)
    return applied
  } catch (error) {
    throw new MigrationError(`${(error as Error).message} (fix the migration, or run \`npm run db:reset\` to rebuild the local database)`)
  } finally {
    await client.end()
  }
}

/** Applies, in file-name order, every migration not yet recorded in schema_migrations. */
async function applyMigrations(client: pg.Client, config: StackConfig, log: Logger): Promise<number> {
  const dir = path.join(config.supabaseDir, 'migrations')
  if (!existsSync(dir)) return 0
  const recorded = new Set(
    (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
  )
  let applied = 0
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue
    const match = MIGRATION_FILE.exec(file)
    if (!match) {
      log(`skipping migration file "${file}": name must match <timestamp>_name.sql`)
      continue
    }
    if (recorded.has(match[1])) continue
    applied++
    const text = await runBatch(client, path.join(dir, file), `migration ${file}`, log)
    await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
      match[1],
      match[2],
      [text],
    ])
  }
  return applied
}

async function applySeeds(client: pg.Client, config: StackConfig, log: Logger) {
  const seen = new Set<string>()
  for (const pattern of config.db.seed.sqlPaths) {
    const matches = expandGlob(config.supabaseDir, pattern)
    if (matches.length === 0) log(`no seed files match "${pattern}"`)
    for (const relative of matches) {
      const file = path.resolve(config.supabaseDir, relative)
      if (seen.has(file)) continue
      seen.add(file)
      const text = await runBatch(client, file, `seed ${relative}`, log)
      await client.query(
        `insert into supabase_migrations.seed_files (path, hash) values ($1, $2)
         on conflict (path) do update set hash = excluded.hash`,
        [relative, createHash('sha256').update(text).digest('hex')],
      )
    }
  }
}

/**
 * One file is one batch: a single simple-protocol query runs it in one implicit
 * transaction, so a failing statement rolls back the whole file, as in the CLI.
 */
async function runBatch(client: pg.Client, file: string, label: string, log: Logger): Promise<string> {
  const text = readFileSync(file, 'utf8')
  const started = performance.now()
  try {
    await client.query(text)
  } catch (error) {
    const e = error as pg.DatabaseError
    const where = e.position ? ` (at ${lineOf(text, Number(e.position))})` : ''
    throw new MigrationError(`${label} failed: ${e.message}${where}`)
  }
  log(`applied ${label} in ${Math.round(performance.now() - started)} ms`)
  return text
}

function lineOf(text: string, position: number): string {
  return `line ${text.slice(0, position).split('\n').length}`
}

/** `[api] auto_expose_new_tables = false`: new public tables are not granted to the API roles. */
async function revokeAutoExpose(client: pg.Client) {
  await client.query(`
    alter default privileges for role postgres in schema public revoke all on tables from anon, authenticated, service_role;
    alter default privileges for role postgres in schema public revoke all on sequences from anon, authenticated, service_role;
    alter default privileges for role postgres in schema public revoke all on functions from anon, authenticated, service_role;
  `)
}

/** Seed paths may be globs ("./seeds/*.sql"). Node 20 has no fs.glob, and `*` / `**` is all the CLI documents. */
function expandGlob(baseDir: string, pattern: string): string[] {
  const normalised = path.normalize(pattern)
  if (!/[*?]/.test(normalised)) return existsSync(path.resolve(baseDir, normalised)) ? [normalised] : []
  const regex = new RegExp(
    '^' +
      normalised
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part.startsWith('**') ? '(?:.*/)?' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('') +
      '$',
  )
  const files = readdirSync(baseDir, { recursive: true, encoding: 'utf8' })
  return files.filter((file) => regex.test(file)).sort()
}
