/**
 * `npm run gen:types`: writes the one `Database` type the app and the edge functions share, in
 * the shape `supabase gen types typescript` produces (that command needs Docker; this one reads
 * `pg_catalog` of a running local stack instead).
 *
 * Usage: npm run gen:types [-- --db-url <url> | --throwaway] [--out <file>] [--schema a,b]
 * - Default source: the running local stack's database (postgresql://…@127.0.0.1:54322).
 * - `--throwaway`: no stack needed; starts a private Postgres on a spare port (25631), applies
 *   the bootstrap and migrations (no seed), generates, and deletes it again (~3 s).
 * - Schemas: those PostgREST exposes (`[api] schemas` in supabase/config.toml), so internals
 *   in `private` never reach the client types.
 * - Output: supabase/functions/_shared/database.types.ts, imported by the app and the functions.
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig, PROJECT_ROOT } from '../supabase/local/config.ts'
import { applyDatabase } from '../supabase/local/postgres/apply.ts'
import { startPostgres } from '../supabase/local/postgres/cluster.ts'
import { isPortFree } from '../supabase/local/process.ts'
import { introspect, type Catalog, type Column, type Fn } from './gen-types/introspect.ts'

export const DEFAULT_DB_URL = 'postgresql://postgres:postgres@127.0.0.1:54322/postgres'
export const DEFAULT_OUT = path.join(PROJECT_ROOT, 'supabase/functions/_shared/database.types.ts')
/** What the local stack runs; postgrest-js enables PostgREST 13+ typing only when told so. */
const POSTGREST_VERSION = '12.0.2'

export async function generateTypes(options: { dbUrl: string; schemas?: string[] }): Promise<string> {
  const schemas = options.schemas ?? loadConfig().api.schemas
  const client = new pg.Client({ connectionString: options.dbUrl })
  await client.connect()
  try {
    return render(await introspect(client, schemas))
  } finally {
    await client.end()
  }
}

/** A migrated (unseeded) Postgres of this project that exists only while `use` runs. */
export async function withThrowawayDatabase<T>(use: (dbUrl: string) => Promise<T>, port = 25631): Promise<T> {
  if (!(await isPortFree(port))) throw new Error(`gen:types: port ${port} is busy; pass --db-url instead`)
  const dataDir = path.join(PROJECT_ROOT, `.supabase-local/gen-types-${process.pid}`)
  const base = loadConfig()
  const config = { ...base, db: { ...base.db, seed: { ...base.db.seed, enabled: false } } }
  const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`
  const quiet = () => {}
  rmSync(dataDir, { recursive: true, force: true })
  const postgres = await startPostgres({ dataDir, port, log: quiet })
  try {
    await applyDatabase(config, dbUrl, quiet)
    return await use(dbUrl)
  } finally {
    await postgres.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name))
const str = (value: string) => JSON.stringify(value)
const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n')
const never = '[_ in never]: never'

function block(entries: string[]): string {
  return entries.length === 0 ? `{\n  ${never}\n}` : `{\n${indent(entries.join('\n'), 2)}\n}`
}

function tsType(catalog: Catalog, typeOid: number): string {
  const type = catalog.types.get(typeOid)
  if (!type) return 'unknown'
  if (type.elem) return `${wrapArray(tsType(catalog, type.elem))}[]`
  if (type.domainBase) return tsType(catalog, type.domainBase)
  // Built-in (and extension) types by name; a user type that happens to share a name is not one.
  const builtin = type.schema === 'pg_catalog' || type.schema === 'extensions' ? type.name : ''
  switch (builtin) {
    case 'bool':
      return 'boolean'
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
    case 'oid':
      return 'number'
    case 'json':
    case 'jsonb':
      return 'Json'
    case 'void':
      return 'undefined'
    case 'record':
      return 'Record<string, unknown>'
    case 'bytea':
    case 'bpchar':
    case 'char':
    case 'varchar':
    case 'text':
    case 'citext':
    case 'name':
    case 'uuid':
    case 'date':
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'vector':
      return 'string'
  }
  const exposed = catalog.schemas.includes(type.schema)
  if (type.enumLabels) {
    return exposed ? `Database[${str(type.schema)}]["Enums"][${str(type.name)}]` : type.enumLabels.map(str).join(' | ')
  }
  if (type.relation && exposed) {
    const relation = catalog.relations.find((r) => r.oid === type.relation)
    if (relation?.kind === 'composite') return `Database[${str(type.schema)}]["CompositeTypes"][${str(type.name)}]`
    if (relation) return `Database[${str(type.schema)}][${str(relation.kind === 'table' ? 'Tables' : 'Views')}][${str(type.name)}]["Row"]`
  }
  return 'unknown'
}

const wrapArray = (type: string) => (/[ |]/.test(type) ? `(${type})` : type)

function columnLine(catalog: Catalog, column: Column, mode: 'Row' | 'Insert' | 'Update' | 'ViewWrite'): string {
  const type = tsType(catalog, column.typeOid) + (column.nullable ? ' | null' : '')
  if (mode === 'Row') return `${key(column.name)}: ${type}`
  if (column.generated || (mode === 'ViewWrite' && !column.updatable)) return `${key(column.name)}?: never`
  const optional = mode !== 'Insert' || column.nullable || column.hasDefault
  return `${key(column.name)}${optional ? '?' : ''}: ${type}`
}

function relationshipsBlock(catalog: Catalog, relationOid: number): string {
  const entries = catalog.relationships
    .filter((r) => r.relationOid === relationOid)
    .map(
      (r) =>
        `{\n  foreignKeyName: ${str(r.name)}\n  columns: ${arr(r.columns)}\n  isOneToOne: ${r.isOneToOne}\n` +
        `  referencedRelation: ${str(r.referencedRelation)}\n  referencedColumns: ${arr(r.referencedColumns)}\n},`,
    )
  return entries.length === 0 ? '[]' : `[\n${indent(entries.join('\n'), 2)}\n]`
}
const arr = (values: string[]) => `[${values.map(str).join(', ')}]`

function functionEntry(catalog: Catalog, name: string, overloads: Fn[]): string {
  const args = overloads
    .map((fn) => {
      const inArgs = fn.args.filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic')
      if (inArgs.length === 0) return 'never'
      const fields = inArgs.map((a) => `${key(a.name)}${a.hasDefault ? '?' : ''}: ${tsType(catalog, a.typeOid)}`)
      return `{ ${fields.join('; ')} }`
    })
    .join(' | ')
  const fn = overloads[0]
  const tableArgs = fn.args.filter((a) => a.mode === 'table')
  let returns: string
  if (tableArgs.length > 0) {
    returns = block(tableArgs.map((a) => `${key(a.name)}: ${tsType(catalog, a.typeOid)}`))
  } else {
    returns = tsType(catalog, fn.returnTypeOid)
  }
  if (fn.returnsSet) returns = tableArgs.length > 0 ? `${returns}[]` : `${wrapArray(returns)}[]`
  return `${key(name)}: {\n  Args: ${args}\n  Returns: ${indent(returns, 2).trimStart()}\n}`
}

function renderSchema(catalog: Catalog, schema: string): string {
  const relations = catalog.relations.filter((r) => r.schema === schema)
  const tables = relations.filter((r) => r.kind === 'table')
  const views = relations.filter((r) => r.kind === 'view')
  const composites = relations.filter((r) => r.kind === 'composite')
  const fns = catalog.functions.filter((f) => f.schema === schema)
  const fnNames = [...new Set(fns.map((f) => f.name))].sort()
  const enums = [...catalog.types.values()].filter((t) => t.schema === schema && t.enumLabels).sort((a, b) => a.name.localeCompare(b.name))

  const tableEntries = tables.map((t) => {
    const parts = [
      `Row: ${block(t.columns.map((c) => columnLine(catalog, c, 'Row')))}`,
      `Insert: ${block(t.columns.map((c) => columnLine(catalog, c, 'Insert')))}`,
      `Update: ${block(t.columns.map((c) => columnLine(catalog, c, 'Update')))}`,
      `Relationships: ${relationshipsBlock(catalog, t.oid)}`,
    ]
    return `${key(t.name)}: {\n${indent(parts.join('\n'), 2)}\n}`
  })
  const viewEntries = views.map((v) => {
    const parts = [`Row: ${block(v.columns.map((c) => columnLine(catalog, c, 'Row')))}`]
    if (v.updatable) {
      parts.push(`Insert: ${block(v.columns.map((c) => columnLine(catalog, c, 'ViewWrite')))}`)
      parts.push(`Update: ${block(v.columns.map((c) => columnLine(catalog, c, 'ViewWrite')))}`)
    }
    parts.push(`Relationships: ${relationshipsBlock(catalog, v.oid)}`)
    return `${key(v.name)}: {\n${indent(parts.join('\n'), 2)}\n}`
  })
  const sections = [
    `Tables: ${block(tableEntries)}`,
    `Views: ${block(viewEntries)}`,
    `Functions: ${block(
      fnNames.map((n) =>
        functionEntry(
          catalog,
          n,
          fns.filter((f) => f.name === n),
        ),
      ),
    )}`,
    `Enums: ${block(enums.map((e) => `${key(e.name)}: ${e.enumLabels!.map(str).join(' | ')}`))}`,
    `CompositeTypes: ${block(composites.map((c) => `${key(c.name)}: ${block(c.columns.map((col) => `${key(col.name)}: ${tsType(catalog, col.typeOid)} | null`))}`))}`,
  ]
  return `${key(schema)}: {\n${indent(sections.join('\n'), 2)}\n}`
}

export function render(catalog: Catalog): string {
  const schemas = [...catalog.schemas].sort()
  const database = [
    '// Allows to automatically instantiate createClient with right options',
    '// instead of createClient<Database, { PostgrestVersion: "XX" }>(URL, KEY)',
    `__InternalSupabase: {\n  PostgrestVersion: ${str(POSTGREST_VERSION)}\n}`,
    ...schemas.map((s) => renderSchema(catalog, s)),
  ]
  const constants = schemas.map((s) => {
    const enums = [...catalog.types.values()].filter((t) => t.schema === s && t.enumLabels).sort((a, b) => a.name.localeCompare(b.name))
    const enumBlock =
      enums.length === 0 ? '{}' : `{\n${indent(enums.map((e) => `${key(e.name)}: ${arr(e.enumLabels!)},`).join('\n'), 2)}\n}`
    return `${key(s)}: {\n  Enums: ${indent(enumBlock, 2).trimStart()},\n},`
  })
  return `${HEADER}
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
${indent(database.join('\n'), 2)}
}
${HELPERS}
export const Constants = {
${indent(constants.join('\n'), 2)}
} as const
`
}

const HEADER = `// Generated by \`npm run gen:types\` (scripts/gen-types.ts) from the migrated database.
// Do not edit by hand: change a migration, then regenerate. tests/db/types.test.ts fails on drift.
`

const HELPERS = `
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

type SchemaOption = { schema: keyof DatabaseWithoutInternals }

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | SchemaOption,
  TableName extends DefaultSchemaTableNameOrOptions extends SchemaOption
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends SchemaOption
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends { Row: infer R }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends { Row: infer R }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | SchemaOption,
  TableName extends DefaultSchemaTableNameOrOptions extends SchemaOption
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends SchemaOption
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends { Insert: infer I }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends { Insert: infer I }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | SchemaOption,
  TableName extends DefaultSchemaTableNameOrOptions extends SchemaOption
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends SchemaOption
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends { Update: infer U }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends { Update: infer U }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"] | SchemaOption,
  EnumName extends DefaultSchemaEnumNameOrOptions extends SchemaOption
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends SchemaOption
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"] | SchemaOption,
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends SchemaOption
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends SchemaOption
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
`

// ---------------------------------------------------------------------------------------------
// CLI

async function main() {
  const { values } = parseArgs({
    options: {
      'db-url': { type: 'string', default: process.env.SUPABASE_DB_URL ?? DEFAULT_DB_URL },
      out: { type: 'string', default: DEFAULT_OUT },
      schema: { type: 'string' },
      throwaway: { type: 'boolean', default: false },
    },
  })
  const schemas = values.schema
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  let output: string
  try {
    output = values.throwaway
      ? await withThrowawayDatabase((dbUrl) => generateTypes({ dbUrl, schemas }))
      : await generateTypes({ dbUrl: values['db-url']!, schemas })
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    if (e.code === 'ECONNREFUSED') {
      console.error(
        `gen:types: no database at ${values['db-url']}. Start the stack (npm run supabase:start), pass --db-url, or use --throwaway.`,
      )
      process.exit(1)
    }
    throw error
  }
  const out = path.resolve(values.out!)
  writeFileSync(out, output)
  console.log(`gen:types: wrote ${path.relative(process.cwd(), out)}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
