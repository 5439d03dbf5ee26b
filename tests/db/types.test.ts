/** The committed `Database` type matches the migrated schema: regenerate after every migration. */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { DEFAULT_OUT, generateTypes } from '../../scripts/gen-types.ts'
import { stack } from '../stack/support/stack.ts'

test('supabase/functions/_shared/database.types.ts is up to date (npm run gen:types -- --throwaway)', async () => {
  const fresh = await generateTypes({ dbUrl: stack.dbUrl })
  const tempFile = path.join(os.tmpdir(), `database.types.${process.pid}.ts`)
  writeFileSync(tempFile, fresh)
  const committed = readFileSync(DEFAULT_OUT, 'utf8')
  expect(committed, `regenerated types (${tempFile}) differ from the committed file`).toBe(readFileSync(tempFile, 'utf8'))
})
