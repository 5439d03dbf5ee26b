/** JSON responses for edge functions: every one carries the CORS headers. */
import { corsHeaders } from './cors.ts'

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'Content-Type': 'application/json', ...headers },
  })
}

/** The error body every function returns: a stable machine-readable `error` and a readable `message`. */
export interface ErrorBody {
  error: string
  message: string
}

export function errorResponse(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error, message } satisfies ErrorBody, status, headers)
}

export function methodNotAllowed(allowed: string[]): Response {
  return errorResponse(405, 'method_not_allowed', `use ${allowed.join(' or ')}`, { Allow: [...allowed, 'OPTIONS'].join(', ') })
}

/** The status for a PostgREST error: bad input is the caller's problem (4xx), never a 500. */
export function statusForPostgrestError(code: string | undefined): number {
  if (code === '23505') return 409 // unique violation: a conflicting row already exists
  if (code === '42501') return 403 // refused by grants or RLS
  // 22xxx data exceptions (incl. our 22023), 23xxx integrity violations (checks, FKs, not-null).
  if (code && (code.startsWith('22') || code.startsWith('23'))) return 400
  if (code && code.startsWith('PGRST1')) return 400 // PostgREST's request errors
  if (code && code.startsWith('PGRST30')) return 401 // the caller's JWT: invalid or expired by the time PostgREST saw it
  // PT<status>: our RPCs' and triggers' chosen HTTP status (PT404, PT409, PT429 write quotas).
  if (code && /^PT[45]\d\d$/.test(code)) return Number(code.slice(2))
  return 500
}
