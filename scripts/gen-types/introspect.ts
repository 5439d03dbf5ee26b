/** Reads what `gen:types` needs from `pg_catalog`: relations, columns, FKs, functions, types. */
import type pg from 'pg'

export interface PgType {
  oid: number
  name: string
  schema: string
  /** Element type, for arrays. */
  elem: number | null
  /** Base type, for domains. */
  domainBase: number | null
  enumLabels: string[] | null
  /** The pg_class row of a composite (or table/view row) type. */
  relation: number | null
}

export interface Column {
  name: string
  typeOid: number
  nullable: boolean
  hasDefault: boolean
  /** Generated or `generated always as identity`: never written by clients. */
  generated: boolean
  updatable: boolean
}

export interface Relation {
  oid: number
  schema: string
  name: string
  kind: 'table' | 'view' | 'composite'
  /** Views: PostgREST can insert, update and delete through it. */
  updatable: boolean
  columns: Column[]
}

export interface Relationship {
  relationOid: number
  name: string
  columns: string[]
  isOneToOne: boolean
  referencedRelation: string
  referencedColumns: string[]
}

export interface FnArg {
  name: string
  typeOid: number
  mode: 'in' | 'out' | 'inout' | 'variadic' | 'table'
  hasDefault: boolean
}

export interface Fn {
  schema: string
  name: string
  args: FnArg[]
  returnTypeOid: number
  returnsSet: boolean
}

export interface Catalog {
  schemas: string[]
  types: Map<number, PgType>
  relations: Relation[]
  relationships: Relationship[]
  functions: Fn[]
}

/** Objects an extension owns are not the app's schema (the CLI leaves them out too). */
const NOT_EXTENSION_MEMBER = (classTable: string, alias: string) =>
  `not exists (select 1 from pg_depend d where d.classid = '${classTable}'::regclass and d.objid = ${alias}.oid and d.deptype = 'e')`

export async function introspect(client: pg.Client, schemas: string[]): Promise<Catalog> {
  const types = await client.query<PgType>(`
    select t.oid::int as oid, t.typname as name, n.nspname as schema,
           case when t.typcategory = 'A' then nullif(t.typelem, 0)::int end as elem,
           case when t.typtype = 'd' then t.typbasetype::int end as "domainBase",
           case when t.typtype = 'e' then
             (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)
           end as "enumLabels",
           nullif(t.typrelid, 0)::int as relation
      from pg_type t join pg_namespace n on n.oid = t.typnamespace`)

  const relations = await client.query<Omit<Relation, 'columns'> & { columns: Column[] | null }>(
    `select c.oid::int as oid, n.nspname as schema, c.relname as name,
            case when c.relkind in ('r', 'p', 'f') then 'table' when c.relkind in ('v', 'm') then 'view' else 'composite' end as kind,
            c.relkind = 'v' and (pg_relation_is_updatable(c.oid, false) & 20) = 20 as updatable,
            (select json_agg(json_build_object(
                      'name', a.attname, 'typeOid', a.atttypid::int, 'nullable', not a.attnotnull,
                      'hasDefault', a.atthasdef or a.attidentity <> '', 'generated', a.attgenerated <> '' or a.attidentity = 'a',
                      'updatable', pg_column_is_updatable(c.oid, a.attnum, false))
                    order by a.attname)
               from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1) and c.relkind in ('r', 'p', 'f', 'v', 'm', 'c') and not c.relispartition
        and ${NOT_EXTENSION_MEMBER('pg_class', 'c')}
      order by c.relname`,
    [schemas],
  )

  const relationships = await client.query<Relationship>(
    `select con.conrelid::int as "relationOid", con.conname as name,
            (select array_agg(a.attname::text order by k.i) from unnest(con.conkey) with ordinality k(attnum, i)
               join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
            exists (select 1 from pg_index i
                     where i.indrelid = con.conrelid and i.indisunique and i.indpred is null
                       and i.indnkeyatts = cardinality(con.conkey)
                       and (i.indkey::int2[])[0:i.indnkeyatts - 1] @> con.conkey
                       and (i.indkey::int2[])[0:i.indnkeyatts - 1] <@ con.conkey) as "isOneToOne",
            ref.relname as "referencedRelation",
            (select array_agg(a.attname::text order by k.i) from unnest(con.confkey) with ordinality k(attnum, i)
               join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as "referencedColumns"
       from pg_constraint con
       join pg_class rel on rel.oid = con.conrelid
       join pg_class ref on ref.oid = con.confrelid
      where con.contype = 'f' and rel.relnamespace::regnamespace::text = any($1)
        and ref.relnamespace = rel.relnamespace
      order by con.conname, ref.relname`,
    [schemas],
  )

  const functions = await client.query<{
    schema: string
    name: string
    argNames: string[] | null
    argModes: string[] | null
    argTypes: number[]
    defaults: number
    returnTypeOid: number
    returnsSet: boolean
  }>(
    `select n.nspname as schema, p.proname as name, p.proargnames as "argNames", p.proargmodes::text[] as "argModes",
            coalesce(p.proallargtypes, p.proargtypes::oid[])::int[] as "argTypes", p.pronargdefaults::int as defaults,
            p.prorettype::int as "returnTypeOid", p.proretset as "returnsSet"
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = any($1) and p.prokind = 'f'
        and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
        and ${NOT_EXTENSION_MEMBER('pg_proc', 'p')}
      order by p.proname, pg_get_function_identity_arguments(p.oid)`,
    [schemas],
  )

  const MODES = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' } as const
  const fns: Fn[] = []
  for (const f of functions.rows) {
    const modes = f.argModes ?? f.argTypes.map(() => 'i')
    const args: FnArg[] = f.argTypes.map((typeOid, i) => ({
      name: f.argNames?.[i] ?? '',
      typeOid,
      mode: MODES[modes[i] as keyof typeof MODES],
      hasDefault: false,
    }))
    // Defaults belong to the last `pronargdefaults` input arguments.
    const inputs = args.filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic')
    for (const a of inputs.slice(inputs.length - f.defaults)) a.hasDefault = true
    // PostgREST calls functions by named arguments, or with a single unnamed one (the CLI's rule).
    if (inputs.some((a) => a.name === '') && inputs.length !== 1) continue
    fns.push({ schema: f.schema, name: f.name, args, returnTypeOid: f.returnTypeOid, returnsSet: f.returnsSet })
  }

  return {
    schemas,
    types: new Map(types.rows.map((t) => [t.oid, t])),
    relations: relations.rows.map((r) => ({ ...r, columns: r.columns ?? [] })),
    relationships: relationships.rows,
    functions: fns,
  }
}
