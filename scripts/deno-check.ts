/**
 * `npm run test:functions-check`: type-checks every edge function with the real Deno,
 * offline, the way CI must (the CLI's `functions serve` needs Docker).
 *
 * Usage: tsx scripts/deno-check.ts [functions-dir …]
 * Default: supabase/functions and the conformance fixture's functions.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../supabase/local/config.ts'

const SLUG = /^[A-Za-z][A-Za-z0-9_-]*$/
const DEFAULT_DIRS = ['supabase/functions', 'tests/stack/fixture/supabase/functions']

function entryPoints(functionsDir: string): string[] {
  if (!existsSync(functionsDir)) return []
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && SLUG.test(entry.name))
    .map((entry) => path.join(functionsDir, entry.name, 'index.ts'))
    .filter((file) => existsSync(file))
}

const dirs = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_DIRS
const files = dirs.flatMap((dir) => entryPoints(path.resolve(PROJECT_ROOT, dir)))
if (files.length === 0) {
  console.log(`deno check: no functions found in ${dirs.join(', ')}; nothing to check.`)
  process.exit(0)
}

console.log(`deno check: ${files.length} function${files.length === 1 ? '' : 's'}`)
const denoEnv: Record<string, string> = {
  DENO_NO_UPDATE_CHECK: '1',
  DENO_DIR: path.join(PROJECT_ROOT, '.supabase-local', 'deno'),
}
for (const name of ['PATH', 'HOME', 'NO_COLOR']) if (process.env[name] !== undefined) denoEnv[name] = process.env[name]!
const result = spawnSync(
  path.join(PROJECT_ROOT, 'node_modules', '.bin', 'deno'),
  ['check', '--cached-only', '--config', path.join(PROJECT_ROOT, 'deno.json'), ...files.map((f) => path.relative(PROJECT_ROOT, f))],
  // The cast: ambient app types make NODE_ENV required; Deno gets only what it needs.
  { cwd: PROJECT_ROOT, stdio: 'inherit', env: denoEnv as NodeJS.ProcessEnv },
)
if (result.error) {
  console.error(`deno check: could not run deno: ${result.error.message}`)
  process.exit(1)
}
process.exit(result.status ?? 1)
