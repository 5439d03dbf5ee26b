/**
 * Which navigation responses the service worker may keep. A SW cannot see Set-Cookie (a
 * forbidden response header), so the server's Cache-Control is the contract: only responses it
 * marks `public` (and not `private` or `no-store`) are stored. Signed-in pages are
 * `private, no-store`, so per-user HTML never reaches a cache. Never send `public` with a cookie.
 */
export function isShareable(response: Pick<Response, 'status' | 'type' | 'headers'>) {
  const directives = new Set(
    (response.headers.get('Cache-Control') ?? '')
      .toLowerCase()
      .split(',')
      .map((directive) => directive.split('=')[0].trim()),
  )
  return (
    response.status === 200 &&
    response.type === 'basic' &&
    directives.has('public') &&
    !directives.has('private') &&
    !directives.has('no-store') &&
    // Vary: * (or Vary: Cookie) means the body depends on who asks.
    !/(^|,)\s*(\*|cookie)\s*(,|$)/i.test(response.headers.get('Vary') ?? '')
  )
}
