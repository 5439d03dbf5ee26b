import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, it, onTestFinished } from 'vitest'
import { listFunctions, resolveFunction } from './discovery.ts'

it('finds <slug>/index.ts and config entries, never _shared, dot-dirs, bad slugs or disabled ones', () => {
  const supabaseDir = mkdtempSync(path.join(tmpdir(), 'fn-discovery-'))
  onTestFinished(() => rmSync(supabaseDir, { recursive: true, force: true }))
  for (const dir of ['hello', '_shared', '.hidden', '9lives', 'off', 'no-entry', 'custom/src']) {
    mkdirSync(path.join(supabaseDir, 'functions', dir), { recursive: true })
    if (dir !== 'no-entry' && dir !== 'custom/src') writeFileSync(path.join(supabaseDir, 'functions', dir, 'index.ts'), '')
  }
  writeFileSync(path.join(supabaseDir, 'functions', 'custom', 'src', 'main.ts'), '')
  const config = {
    supabaseDir,
    functions: {
      off: { enabled: false, verifyJwt: true },
      custom: { enabled: true, verifyJwt: true, entrypoint: './functions/custom/src/main.ts' },
      ghost: { enabled: true, verifyJwt: false },
    },
  }
  expect(listFunctions(config).map((f) => f.slug)).toEqual(['custom', 'hello'])
  expect(resolveFunction(config, 'custom')?.entrypoint).toBe(path.join(supabaseDir, 'functions/custom/src/main.ts'))
  expect(resolveFunction(config, '_shared')).toBeUndefined()
  expect(resolveFunction(config, '../hello')).toBeUndefined()
  expect(resolveFunction(config, 'off')).toBeUndefined()
})
