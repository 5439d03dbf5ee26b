/**
 * The one way the server calls an edge function: `invokeFunction()` returns the data, or a
 * refusal with a stable `code` (the function's `error`) that the route maps to words. Functions
 * speak codes; the UI owns the wording. Only refusals (4xx) come back as values: a 5xx or an
 * unreachable function throws, for the error boundary.
 */
import { FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js'

export interface FunctionRefusal<Code extends string = string> {
  status: number
  /** The function's `error` code; the gateway's own 401 (`{ msg }`) is `unauthorized`. */
  code: Code | 'unauthorized' | 'unknown'
  /** For logs and developers, not for people. */
  message: string
  fieldErrors?: Record<string, string[]>
}

export type FunctionResult<T, Code extends string = string> = { data: T; refusal: null } | { data: null; refusal: FunctionRefusal<Code> }

export async function invokeFunction<T, Code extends string = string>(
  supabase: SupabaseClient,
  name: string,
  options: { method?: 'GET' | 'POST'; query?: URLSearchParams; body?: Record<string, unknown> } = {},
): Promise<FunctionResult<T, Code>> {
  const path = options.query && [...options.query.keys()].length > 0 ? `${name}?${options.query}` : name
  const { data, error } = await supabase.functions.invoke(path, { method: options.method ?? (options.body ? 'POST' : 'GET'), body: options.body })
  if (!error) return { data: data as T, refusal: null }
  if (!(error instanceof FunctionsHttpError)) throw error
  const response = error.context as Response
  if (response.status >= 500) throw error
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown; msg?: unknown; fieldErrors?: unknown } | null
  const code = typeof body?.error === 'string' ? body.error : response.status === 401 ? 'unauthorized' : 'unknown'
  const message = typeof body?.message === 'string' ? body.message : typeof body?.msg === 'string' ? body.msg : `${name} answered ${response.status}`
  const fieldErrors = body?.fieldErrors && typeof body.fieldErrors === 'object' ? (body.fieldErrors as Record<string, string[]>) : undefined
  return { data: null, refusal: { status: response.status, code: code as Code, message, ...(fieldErrors ? { fieldErrors } : {}) } }
}
