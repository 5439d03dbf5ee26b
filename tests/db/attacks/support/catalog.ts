/**
 * What the API exposes, read from the catalogue rather than listed by hand: the schemas PostgREST
 * serves (config.toml's `[api] schemas`), their tables and views with their columns and primary
 * keys, and their functions with the privileges each API role holds. A migration that adds a
 * table or a function is attacked (or fails a coverage check) without anyone editing this suite.
 */
import { loadConfig, PROJECT_ROOT } from '../../../../supabase/local/config.ts'
import { db } from '../../../stack/support/stack.ts'

/** The schemas PostgREST exposes (`public`, `graphql_public`). */
export const EXPOSED_SCHEMAS = loadConfig({ projectRoot: PROJECT_ROOT, env: {} as NodeJS.ProcessEnv }).api.schemas

export interface Column {
  name: string
  /** `pg_type.typname`: int4, text, _text, tier, … */
  type: string
  /** 'e' for an enum, 'b' for a base type; for arrays, the element's. */
  typtype: string
  /** For an array, its element type's name. */
  element: string | null
  /** An identity (`generated always`) or a generated column: only DEFAULT may be written. */
  generated: boolean
  /** Enum labels, in order (the element's for an array of enums). */
  labels: string[]
  /** What `authenticated` may write in this column (column or table grants). */
  insertable: boolean
  updatable: boolean
}

export interface Relation {
  schema: string
  name: string
  kind: 'table' | 'view'
  primaryKey: string[]
  columns: Column[]
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`
export const qualified = (relation: { schema: string; name: string }) => `${ident(relation.schema)}.${ident(relation.name)}`

/** Every table and view in the exposed schemas (extension members left out). */
export async function exposedRelations(): Promise<Relation[]> {
  const { rows } = await db.query<{ schema: string; name: string; kind: string; oid: number; pk: string[] | null }>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as kind, c.oid::int as oid,
            (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
               from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by 1, 2`,
    [EXPOSED_SCHEMAS],
  )
  const relations: Relation[] = []
  for (const row of rows) {
    relations.push({
      schema: row.schema,
      name: row.name,
      kind: row.kind === 'r' || row.kind === 'p' ? 'table' : 'view',
      primaryKey: row.pk ?? [],
      columns: await columnsOf(row.oid),
    })
  }
  return relations
}

async function columnsOf(relationOid: number): Promise<Column[]> {
  const { rows } = await db.query<Column & { labels: string[] | null }>(
    `select a.attname::text as name, t.typname::text as type,
            coalesce(et.typtype, t.typtype)::text as typtype, et.typname::text as element,
            (a.attidentity = 'a' or a.attgenerated <> '') as generated,
            (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e
              where e.enumtypid = coalesce(et.oid, t.oid)) as labels,
            has_column_privilege('authenticated', a.attrelid, a.attnum, 'INSERT') as insertable,
            has_column_privilege('authenticated', a.attrelid, a.attnum, 'UPDATE') as updatable
       from pg_attribute a
       join pg_type t on t.oid = a.atttypid
       left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
      where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [relationOid],
  )
  return rows.map((r) => ({ ...r, labels: r.labels ?? [] }))
}

export interface ExposedFunction {
  schema: string
  name: string
  /** `pg_get_function_identity_arguments`, e.g. "opportunity_id bigint". */
  signature: string
  args: Array<{ name: string | null; type: string }>
  anon: boolean
  authenticated: boolean
  serviceRole: boolean
}

/** Every function in the exposed schemas, with who may execute it (PUBLIC grants included). */
export async function exposedFunctions(): Promise<ExposedFunction[]> {
  const { rows } = await db.query<ExposedFunction & { argNames: string[] | null; argTypes: string[] }>(
    `select n.nspname as schema, p.proname as name, pg_get_function_identity_arguments(p.oid) as signature,
            p.proargnames as "argNames",
            array(select format_type(t, null) from unnest(p.proargtypes) as t) as "argTypes",
            has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
            has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated,
            has_function_privilege('service_role', p.oid, 'EXECUTE') as "serviceRole"
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = any($1::text[]) and p.prokind in ('f', 'p')
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1, 2, 3`,
    [EXPOSED_SCHEMAS],
  )
  return rows.map(({ argNames, argTypes, ...f }) => ({
    ...f,
    args: argTypes.map((type, i) => ({ name: argNames?.[i] || null, type })),
  }))
}

/** One row as JSON, by primary key, over the superuser connection (`undefined` when gone). */
export async function snapshotRow(relation: Relation, key: Record<string, unknown>): Promise<string | undefined> {
  const where = relation.primaryKey.map((column, i) => `t.${ident(column)}::text = $${i + 1}`).join(' and ')
  const { rows } = await db.query<{ row: string }>(
    `select to_jsonb(t)::text as row from ${qualified(relation)} t where ${where}`,
    relation.primaryKey.map((column) => String(key[column])),
  )
  return rows[0]?.row
}

/** The row as an object (for building patches and inserts from it). */
export async function readRow(relation: Relation, key: Record<string, unknown>): Promise<Record<string, unknown>> {
  const row = await snapshotRow(relation, key)
  if (row === undefined) throw new Error(`${relation.name}: no row ${JSON.stringify(key)}`)
  return JSON.parse(row) as Record<string, unknown>
}

/** How many rows contain all of `values` (jsonb containment): an insert that got through adds one. */
export async function countMatching(relation: Relation, values: Record<string, unknown>): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${qualified(relation)} t where to_jsonb(t) @> $1::jsonb`, [
    JSON.stringify(values),
  ])
  return rows[0].n
}
