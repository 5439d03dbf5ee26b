/**
 * Writes an attacker tries through PostgREST, and how a refusal must look: a clean 4xx (42501 from
 * the grants or a policy's WITH CHECK, 428C9 for a generated column) or a silent 0 rows where a
 * policy's USING hides the row. Never a 5xx, never a changed row (re-read over the superuser
 * connection, because PostgREST reports a write hidden by USING as a success).
 */
import type { PostgrestError, SupabaseClient } from '@supabase/supabase-js'
import type { TypedClient } from '../../support/principals.ts'
import type { Column, Relation } from './catalog.ts'

export interface Attempt {
  status: number
  error: PostgrestError | null
  rows: number
}

type Key = Record<string, unknown>

/** Untyped on purpose: the attacks address any table by name. */
interface Filterable extends PromiseLike<{ status: number; error: PostgrestError | null; data: unknown }> {
  eq(column: string, value: string): Filterable
  select(columns: string): Filterable
}
interface Table {
  select(columns: string): Filterable
  update(patch: Record<string, unknown>): Filterable
  delete(): Filterable
  insert(row: Record<string, unknown>): PromiseLike<{ status: number; error: PostgrestError | null; data: unknown }>
}

function table(typed: TypedClient, relation: Relation): Table {
  // Untyped (a widening, not a cast): the attacks address any relation by name.
  const client: SupabaseClient = typed
  // The builder's generics recurse too deep to check against `Table`, which names what is used.
  return client.schema(relation.schema).from(relation.name) as unknown as Table
}

function byKey(query: Filterable, key: Key): Filterable {
  let q = query
  for (const [column, value] of Object.entries(key)) q = q.eq(column, String(value))
  return q
}

const settle = (result: { status: number; error: PostgrestError | null; data: unknown }): Attempt => ({
  status: result.status,
  error: result.error,
  rows: Array.isArray(result.data) ? result.data.length : result.data ? 1 : 0,
})

export async function trySelect(client: TypedClient, relation: Relation, key: Key): Promise<Attempt> {
  return settle(await byKey(table(client, relation).select('*'), key))
}

export async function tryUpdate(client: TypedClient, relation: Relation, key: Key, patch: Record<string, unknown>): Promise<Attempt> {
  return settle(await byKey(table(client, relation).update(patch), key).select('*'))
}

export async function tryDelete(client: TypedClient, relation: Relation, key: Key): Promise<Attempt> {
  return settle(await byKey(table(client, relation).delete(), key).select('*'))
}

export async function tryInsert(client: TypedClient, relation: Relation, row: Record<string, unknown>): Promise<Attempt> {
  return settle(await table(client, relation).insert(row))
}

/** Why `attempt` is not a clean refusal, or null when it is. */
export function refusalProblem(attempt: Attempt): string | null {
  const { status, error, rows } = attempt
  if (status >= 500) return `server error ${status} ${error?.code}: ${error?.message}`
  if (error) {
    if (status >= 400 && status < 500 && (error.code === '42501' || error.code === '428C9')) return null
    return `refused, but not by a grant or policy: ${status} ${error.code}: ${error.message}`
  }
  // 0 rows: a policy's USING hid the row (the caller re-reads it to be sure nothing changed).
  return rows > 0 ? `${status} with ${rows} row(s): the write went through` : null
}

/** Why a read of someone else's row is not refused, or null. */
export function readProblem(attempt: Attempt): string | null {
  const { status, error, rows } = attempt
  if (status >= 500) return `server error ${status} ${error?.code}: ${error?.message}`
  if (error) return status >= 400 && error.code === '42501' ? null : `unexpected ${status} ${error.code}: ${error.message}`
  return rows > 0 ? `read ${rows} row(s)` : null
}

/**
 * A different value for `column` that its type accepts: the other row's value when it differs
 * (so an owner column becomes the victim's id), otherwise one derived from the current value.
 */
export function alternativeValue(column: Column, current: unknown, other: unknown, people: { a: string; b: string }): unknown {
  if (other !== undefined && other !== null && JSON.stringify(other) !== JSON.stringify(current)) return other
  if (column.type.startsWith('_')) return alternativeArray(column, Array.isArray(current) ? current : [])
  if (column.typtype === 'e') return column.labels.find((label) => label !== current) ?? current
  switch (column.type) {
    case 'bool':
      return !current
    case 'int2':
    case 'int4':
    case 'int8':
      return (Number(current) || 0) + 1
    case 'float4':
    case 'float8':
    case 'numeric':
      return (Number(current) || 0) + 0.25
    case 'uuid':
      return current === people.b ? people.a : people.b
    case 'date':
      return new Date(Date.parse(String(current ?? new Date().toISOString().slice(0, 10))) + 86_400_000).toISOString().slice(0, 10)
    case 'timestamptz':
    case 'timestamp':
      return new Date((current ? Date.parse(String(current)) : Date.now()) + 3_600_000).toISOString()
    case 'json':
    case 'jsonb':
      if (Array.isArray(current)) return [...current, { changed: true }]
      return { ...(typeof current === 'object' && current !== null ? current : {}), changed: true }
    default:
      return current ? `${String(current)} (changed)` : 'changed'
  }
}

function alternativeArray(column: Column, current: unknown[]): unknown[] {
  if (column.typtype === 'e') {
    const extra = column.labels.find((label) => !current.includes(label))
    return extra === undefined ? current.slice(1) : [...current, extra]
  }
  if (column.element === 'float4' || column.element === 'float8' || column.element === 'numeric') {
    const flipped = current.map((x) => Math.round((1 - Number(x)) * 100) / 100)
    return current.length === 0 ? [1, 0, 0, 0] : flipped
  }
  if (column.element?.startsWith('int')) return [...current, 1]
  return [...current, 'changed']
}
