/**
 * `scripts/gen-types.ts` on a schema richer than ours today (enums, identity columns, arrays,
 * views, FKs, overloaded and set-returning functions), created in a rolled-back transaction.
 * The output must have the CLI's shape and compile against supabase-js.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PROJECT_ROOT } from '../../supabase/local/config.ts'
import { render } from '../../scripts/gen-types.ts'
import { introspect } from '../../scripts/gen-types/introspect.ts'
import { db } from '../stack/support/stack.ts'

const FIXTURE = `
  create type public.lint_tier as enum ('bronze', 'silver', 'gold');
  create type public.lint_pair as (a int, b text);
  create table public.lint_things (
    id bigint generated always as identity primary key,
    tier public.lint_tier not null default 'bronze',
    tags text[],
    meta jsonb not null,
    parent_id bigint references public.lint_things,
    score numeric
  );
  create table public.lint_details (thing_id bigint primary key references public.lint_things, note text);
  create view public.lint_view with (security_invoker = true) as select id, tier from public.lint_things;
  create function public.lint_fn(p_tier public.lint_tier, p_limit int default 10)
    returns setof public.lint_things language sql stable set search_path = '' as $$ select * from public.lint_things limit p_limit $$;
  create function public.lint_table_fn(x int) returns table (a int, b text)
    language sql set search_path = '' as $$ select x, 'b' $$;
  create function public.lint_noop() returns void language sql set search_path = '' as $$ $$;
`

let output = ''
beforeAll(async () => {
  const client = await db.connect()
  try {
    await client.query('begin')
    await client.query(FIXTURE)
    output = render(await introspect(client as never, ['public']))
  } finally {
    await client.query('rollback')
    client.release()
  }
})

describe('gen-types output', () => {
  test.each([
    ['enum columns reference the Enums map', 'tier: Database["public"]["Enums"]["lint_tier"]'],
    ['identity "always" columns cannot be written', 'id?: never'],
    ['arrays and json', 'tags: string[] | null'],
    ['json is Json', 'meta: Json'],
    ['enums become unions', 'lint_tier: "bronze" | "silver" | "gold"'],
    ['enums are listed in Constants', 'lint_tier: ["bronze", "silver", "gold"],'],
    ['defaulted arguments are optional', 'Args: { p_tier: Database["public"]["Enums"]["lint_tier"]; p_limit?: number }'],
    ['setof a table returns its rows', 'Returns: Database["public"]["Tables"]["lint_things"]["Row"][]'],
    ['no-argument functions take never', 'lint_noop: {\n        Args: never\n        Returns: undefined'],
    ['composite types', 'lint_pair: {\n        a: number | null\n        b: string | null'],
    [
      'one-to-one relationships are detected',
      'foreignKeyName: "lint_details_thing_id_fkey"\n            columns: ["thing_id"]\n            isOneToOne: true',
    ],
    ['self references are many-to-one', 'columns: ["parent_id"]\n            isOneToOne: false'],
  ])('%s', (_label, fragment) => {
    expect(output).toContain(fragment)
  })

  test('updatable views get Insert and Update', () => {
    expect(output).toMatch(/lint_view: \{\n\s+Row: \{[^}]*\}\n\s+Insert: \{/)
  })
})

describe('gen-types output compiles with supabase-js', () => {
  const dir = path.join(PROJECT_ROOT, '.supabase-local', `gen-types-check-${process.pid}`)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('typed queries and rpc calls type-check', { timeout: 60_000 }, () => {
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'database.types.ts'), output)
    writeFileSync(
      path.join(dir, 'usage.ts'),
      `import { createClient } from '@supabase/supabase-js'
import type { Database, Enums, Tables, TablesInsert } from './database.types.ts'
const client = createClient<Database>('http://127.0.0.1', 'key')
const tier: Enums<'lint_tier'> = 'silver'
const insert: TablesInsert<'lint_things'> = { meta: { a: 1 }, tier }
export async function use(row: Tables<'lint_things'>) {
  const { data } = await client.from('lint_things').select('id, tier, lint_details(note)').eq('tier', tier)
  const id: number | undefined = data?.[0]?.id
  await client.from('lint_things').insert(insert)
  const rpc = await client.rpc('lint_fn', { p_tier: 'gold' })
  const tiers: Enums<'lint_tier'>[] = (rpc.data ?? []).map((r) => r.tier)
  // @ts-expect-error: an unknown enum value is refused
  await client.rpc('lint_fn', { p_tier: 'platinum' })
  return [id, tiers, row.score]
}
`,
    )
    const tsc = path.join(PROJECT_ROOT, 'node_modules/.bin/tsc')
    const args = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--target',
      'es2022',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      '--allowImportingTsExtensions',
      '--types',
      'node',
      path.join(dir, 'usage.ts'),
    ]
    try {
      execFileSync(tsc, args, { cwd: PROJECT_ROOT, encoding: 'utf8' })
    } catch (error) {
      throw new Error(`tsc failed:\n${(error as { stdout?: string }).stdout}`)
    }
  })
})
