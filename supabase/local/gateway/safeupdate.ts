/**
 * Emulates hosted Supabase's `safeupdate` extension at the gateway: an UPDATE or DELETE
 * without a WHERE clause fails for every role, service_role included. PostgREST turns
 * query-string filters into the WHERE clause, so "no filter in the query" is the test.
 */

/** Query keys that shape the result but never become part of the WHERE clause. */
const NON_FILTER_KEYS = new Set(['select', 'columns', 'on_conflict', 'order', 'limit', 'offset', 'apikey'])

export const DELETE_REFUSAL = '{"code":"21000","details":null,"hint":null,"message":"DELETE requires a WHERE clause"}'
export const UPDATE_REFUSAL = '{"code":"21000","details":null,"hint":null,"message":"UPDATE requires a WHERE clause"}'

/**
 * Returns the 400 body for an unfiltered PATCH or DELETE on a table, or undefined.
 * `pathAndQuery` is the PostgREST path, i.e. after `/rest/v1`.
 */
export function safeupdateRefusal(method: string | undefined, pathAndQuery: string): string | undefined {
  if (method !== 'PATCH' && method !== 'DELETE') return undefined
  const queryStart = pathAndQuery.indexOf('?')
  const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart)
  if (!isTablePath(path)) return undefined
  if (queryStart !== -1 && hasTopLevelFilter(pathAndQuery.slice(queryStart + 1))) return undefined
  return method === 'DELETE' ? DELETE_REFUSAL : UPDATE_REFUSAL
}

/** `/<table>` only: RPC calls and the root are not table writes. */
function isTablePath(path: string): boolean {
  return path.length > 1 && path.indexOf('/', 1) === -1 && !path.startsWith('/rpc')
}

/**
 * `col=op.val`, `or=`, `and=`, `not.or=`, `not.and=` filter the target table. Keys with a
 * dot otherwise address an embedded resource (`posts.order`, `posts.id=eq.1`), which does
 * not restrict the rows being written.
 */
export function hasTopLevelFilter(query: string): boolean {
  for (const [key] of new URLSearchParams(query)) {
    if (key === '' || NON_FILTER_KEYS.has(key)) continue
    if (key.includes('.') && key !== 'not.or' && key !== 'not.and') continue
    return true
  }
  return false
}
