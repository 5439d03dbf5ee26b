import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { PROJECT_ROOT } from '../supabase/local/config.ts'

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const runCheck = (...dirs: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/deno-check.ts'), ...dirs], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })

it('exits 0 with a message when there are no functions', () => {
  const result = runCheck(tempDir('no-functions-'))
  expect(result.status).toBe(0)
  expect(result.stdout).toContain('nothing to check')
})

it('fails on a type error in a function', () => {
  const functionsDir = tempDir('bad-functions-')
  mkdirSync(path.join(functionsDir, 'broken'))
  writeFileSync(
    path.join(functionsDir, 'broken', 'index.ts'),
    'const n: number = "not a number"\nexport default { fetch: () => new Response(String(n)) }\n',
  )
  const result = runCheck(functionsDir)
  expect(result.status).not.toBe(0)
  expect(result.stdout + result.stderr).toContain('TS2322')
}, 30_000)
