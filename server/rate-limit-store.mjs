// The shared counter store: one POST to PostgREST's `hit_rate_limit` RPC per limited request,
// with the service-role (or secret) key, so every portal instance counts against the same rows
// (supabase/migrations/20261203000200_rate-limits.sql, ADR 008). Undici keeps the connection
// alive, so a hit costs one round trip to the database host.

const DEFAULT_TIMEOUT_MS = 2_000

export class RateLimitStoreError extends Error {}

/**
 * `url` is SUPABASE_URL; `key` the service-role JWT or an `sb_secret_…` key. The opaque keys go in
 * `apikey` only (the gateway mints the role's JWT from it); a legacy JWT also goes in Authorization.
 */
export function createPostgresStore({ url, key, timeoutMs = DEFAULT_TIMEOUT_MS }) {
  if (!url || !key)
    throw new Error('The shared rate-limit store needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (or SUPABASE_SECRET_KEY).')
  const endpoint = `${url.replace(/\/+$/, '')}/rest/v1/rpc/hit_rate_limit`
  const headers = { apikey: key, 'Content-Type': 'application/json', Accept: 'application/json' }
  if (!key.startsWith('sb_')) headers.Authorization = `Bearer ${key}`
  return {
    /** Counts one hit; resolves to { hits, limited, retryAfterSeconds }, or rejects with RateLimitStoreError. */
    async hit(bucket, subject, limit, windowSeconds) {
      let response
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify({ p_bucket: bucket, p_key: subject, p_limit: limit, p_window_seconds: windowSeconds }),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        throw new RateLimitStoreError(`rate-limit store unreachable: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (!response.ok) {
        const body = await response.text().catch(() => '')
        throw new RateLimitStoreError(`rate-limit store answered ${response.status}: ${body.slice(0, 200)}`)
      }
      const [row] = await response.json()
      if (!row || typeof row.hits !== 'number') throw new RateLimitStoreError('rate-limit store answered without a count')
      return { hits: row.hits, limited: row.limited === true, retryAfterSeconds: row.retry_after_seconds }
    },
  }
}

/**
 * The same counting in this process's memory: for tests of code that counts, where the database
 * under test has no `hit_rate_limit`. Never for production, where instances must share counts.
 * @public tests reach it through vi.mock's importOriginal, which knip cannot follow.
 */
export function createMemoryStore(now = Date.now) {
  const windows = new Map()
  return {
    async hit(bucket, subject, limit, windowSeconds) {
      const id = `${bucket}\n${subject}`
      let window = windows.get(id)
      if (!window || window.resetAt <= now()) {
        window = { hits: 0, resetAt: now() + windowSeconds * 1000 }
        windows.set(id, window)
      }
      window.hits += 1
      return { hits: window.hits, limited: window.hits > limit, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now()) / 1000)) }
    },
  }
}
