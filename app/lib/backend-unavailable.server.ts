/**
 * One answer to "is this error a backend that is down?" (ADR 012): Supabase unreachable, a
 * gateway 502/503/504, PostgREST without its database (PGRST000–PGRST003) or a function runtime
 * that cannot boot. Such a request gets a 503 page with Retry-After instead of a 500, and
 * handleError does not log a stack trace for it: the outage is the news, not the code path.
 */
const CONNECTION_CODES = new Set(['PGRST000', 'PGRST001', 'PGRST002', 'PGRST003'])
const UNAVAILABLE_STATUSES = new Set([502, 503, 504])
const NETWORK_FAILURE =
  /fetch failed|ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|other side closed|invalid response was received from the upstream/i

/** Seconds a browser or crawler should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5

export function isBackendUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false
  const e = error as {
    name?: unknown
    code?: unknown
    status?: unknown
    message?: unknown
    details?: unknown
    cause?: unknown
    context?: unknown
  }
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true
  // supabase-js: auth-js and functions-js name their network failures; status on Auth's errors.
  if (e.name === 'AuthRetryableFetchError' || e.name === 'FunctionsFetchError' || e.name === 'FunctionsRelayError') return true
  if (typeof e.status === 'number' && UNAVAILABLE_STATUSES.has(e.status)) return true
  // FunctionsHttpError carries the Response: 503 BOOT_ERROR, a gateway 502.
  if (e.context instanceof Response && UNAVAILABLE_STATUSES.has(e.context.status)) return true
  if (typeof e.message === 'string' && NETWORK_FAILURE.test(e.message)) return true
  if (typeof e.details === 'string' && NETWORK_FAILURE.test(e.details)) return true
  return isBackendUnavailable(e.cause, depth + 1)
}

const unavailableRequests = new WeakSet<Request>()

/** handleError marks the request; the document renderer then answers it with the 503 page. */
export function markUnavailable(request: Request) {
  unavailableRequests.add(request)
}

export function wasUnavailable(request: Request): boolean {
  return unavailableRequests.has(request)
}
