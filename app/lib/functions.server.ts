/**
 * The one way the server calls an edge function: `invokeFunction()` returns the data, or a
 * refusal with a stable `code` (the function's `error`) that the route maps to words. Functions
 * speak codes; the UI owns the wording. Only refusals (4xx) come back as values: a 5xx or an
 * unreachable function throws, for the error boundary.
 */
import { FunctionsHttpError, type SupabaseClient } from '@supabase/supabase-js'
import { SUBMIT_ASK_ERROR_CODES } from '../../supabase/functions/_shared/ask-contract.ts'
import { FEED_ERROR_CODES } from '../../supabase/functions/_shared/feed-contract.ts'
import { SURVEY_SUBMIT_ERROR_CODES } from '../../supabase/functions/_shared/survey-schemas.ts'

/** Each function the app calls, with the codes its contract says it refuses with. */
const FUNCTION_ERROR_CODES = {
  feed: FEED_ERROR_CODES,
  'submit-ask': SUBMIT_ASK_ERROR_CODES,
  'survey-submit': SURVEY_SUBMIT_ERROR_CODES,
} as const

export type FunctionName = keyof typeof FUNCTION_ERROR_CODES

/**
 * What a refusal from `name` can say. `unauthorized` is also the gateway's own 401 (`{ msg }`);
 * `unknown` is a code outside the contract, so a wording map over this type is exhaustive.
 */
export type FunctionErrorCode<Name extends FunctionName> = (typeof FUNCTION_ERROR_CODES)[Name][number] | 'unauthorized' | 'unknown'

export interface FunctionRefusal<Code extends string> {
  status: number
  code: Code
  /** For logs and developers, not for people. */
  message: string
  fieldErrors?: Record<string, string[]>
}

export type FunctionResult<T, Code extends string> = { data: T; refusal: null } | { data: null; refusal: FunctionRefusal<Code> }

function isErrorCodeOf<Name extends FunctionName>(name: Name, value: string): value is FunctionErrorCode<Name> {
  const codes: readonly string[] = FUNCTION_ERROR_CODES[name]
  return codes.includes(value) || value === 'unauthorized'
}

const isStringArrayRecord = (value: unknown): value is Record<string, string[]> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))

export async function invokeFunction<Name extends FunctionName, T = unknown>(
  supabase: Pick<SupabaseClient, 'functions'>,
  name: Name,
  options: { method?: 'GET' | 'POST'; query?: URLSearchParams; body?: Record<string, unknown> } = {},
): Promise<FunctionResult<T, FunctionErrorCode<Name>>> {
  const path = options.query && [...options.query.keys()].length > 0 ? `${name}?${options.query}` : name
  const { data, error } = await supabase.functions.invoke<T>(path, {
    method: options.method ?? (options.body ? 'POST' : 'GET'),
    body: options.body,
  })
  if (!error) {
    // Every function answers success with a JSON body; none is a broken contract, not a refusal.
    if (data === null) throw new Error(`${name} answered without a body`)
    return { data, refusal: null }
  }
  if (!(error instanceof FunctionsHttpError)) throw error
  const response: Response = error.context
  if (response.status >= 500) throw error
  const body: unknown = await response.json().catch(() => null)
  const field = (key: string): unknown => (typeof body === 'object' && body !== null && key in body ? Reflect.get(body, key) : undefined)
  const rawCode = field('error')
  const code: FunctionErrorCode<Name> =
    typeof rawCode === 'string' && isErrorCodeOf(name, rawCode) ? rawCode : response.status === 401 ? 'unauthorized' : 'unknown'
  const message = [field('message'), field('msg')].find((m): m is string => typeof m === 'string') ?? `${name} answered ${response.status}`
  const fieldErrors = field('fieldErrors')
  return { data: null, refusal: { status: response.status, code, message, ...(isStringArrayRecord(fieldErrors) ? { fieldErrors } : {}) } }
}
