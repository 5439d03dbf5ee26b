/** The CORS behaviour of the CLI's Kong `cors` plugin (§3.5 of the stack spec). */
import type http from 'node:http'

/** Browser counts, `listUsers` pagination and auth error codes need these readable. */
export const EXPOSED_HEADERS =
  'Content-Range, Content-Location, Location, Range-Unit, Preference-Applied, X-Total-Count, Link, X-Supabase-Api-Version'
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'

export function isPreflight(req: http.IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
}

/** Imposed on every proxied REST and Auth response, over whatever the upstream sends. */
export const CORS_RESPONSE_HEADERS: readonly string[] = [
  'access-control-allow-origin',
  '*',
  'access-control-expose-headers',
  EXPOSED_HEADERS,
]

/** For responses the gateway does not proxy itself (its own errors, functions in gateway mode). */
export function addCorsHeaders(res: http.ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*')
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS)
}

export function answerPreflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Max-Age': '86400',
    'Content-Length': '0',
  }
  const requested = req.headers['access-control-request-headers']
  if (requested) headers['Access-Control-Allow-Headers'] = requested
  res.writeHead(200, headers)
  res.end()
}
