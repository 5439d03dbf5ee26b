/**
 * The Kong-like API gateway on :54321. Routes by prefix, rewrites Authorization from the
 * apikey, adds CORS, refuses unfiltered writes, enforces `verify_jwt` for functions, and
 * streams everything else through untouched. The hot path (a REST select) does no URL
 * parsing and no body handling.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StackConfig } from '../config.ts'
import type { TokenSigner } from '../keys.ts'
import type { Logger } from '../types.ts'
import type { FunctionsRunner } from '../functions/runner.ts'
import { buildUpstreamHeaders, isOpenAuthPath, strictApikeyError } from './api-keys.ts'
import { addCorsHeaders, answerPreflight, CORS_RESPONSE_HEADERS, isPreflight } from './cors.ts'
import { forward, sendJson, targetFromUrl, type ProxyFailureHandler, type ProxyTarget } from './proxy.ts'
import { safeupdateRefusal } from './safeupdate.ts'
import { functionJwtError } from './verify-jwt.ts'

export interface GatewayOptions {
  config: StackConfig
  signer: TokenSigner
  upstreams: { auth: string; rest: string }
  functions: FunctionsRunner
  port: number
  log: Logger
}

const REST_PREFIX = '/rest/v1'
const AUTH_PREFIX = '/auth/v1'
const FUNCTIONS_PREFIX = '/functions/v1/'
/** §3.5: 60 s for REST and Auth (functions get 150 s from the runner). */
const UPSTREAM_TIMEOUT_MS = 60_000
const NO_ROUTE = '{"message":"no Route matched with those values"}'

export async function startGateway(o: GatewayOptions): Promise<{ port: number; stop(): Promise<void> }> {
  const rest = targetFromUrl('rest', o.upstreams.rest, UPSTREAM_TIMEOUT_MS)
  const auth = targetFromUrl('auth', o.upstreams.auth, UPSTREAM_TIMEOUT_MS)
  const { strictApikey, functionsCors } = o.config.local
  const restFailed = upstreamFailureHandler(rest, o.log)
  const authFailed = upstreamFailureHandler(auth, o.log)

  const proxy = (req: http.IncomingMessage, res: http.ServerResponse, target: ProxyTarget, path: string) => {
    const { headers, apikey } = buildUpstreamHeaders(req.rawHeaders, req.socket.remoteAddress)
    if (strictApikey && !(target === auth && isOpenAuthPath(path))) {
      const error = strictApikeyError(apikey, path)
      if (error) return sendJsonWithCors(res, 401, error)
    }
    if (target === rest) {
      const refusal = safeupdateRefusal(req.method, path)
      if (refusal) return sendJsonWithCors(res, 400, refusal)
    }
    forward(req, res, target, path, headers, target === rest ? restFailed : authFailed, CORS_RESPONSE_HEADERS)
  }

  const handleFunction = async (req: http.IncomingMessage, res: http.ServerResponse, url: string) => {
    const afterPrefix = url.slice(FUNCTIONS_PREFIX.length)
    const slugEnd = afterPrefix.search(/[/?]/)
    const slug = slugEnd === -1 ? afterPrefix : afterPrefix.slice(0, slugEnd)
    const pathAfterSlug = slugEnd === -1 ? '' : afterPrefix.slice(slugEnd)
    const { headers, authorization } = buildUpstreamHeaders(req.rawHeaders, req.socket.remoteAddress)
    const verifyJwt = o.config.functions[slug]?.verifyJwt ?? true
    if (verifyJwt && req.method !== 'OPTIONS') {
      const error = await functionJwtError(authorization, o.signer)
      if (error) return sendJson(res, 401, error)
    }
    o.functions.handle(req, res, slug, pathAfterSlug, headers)
  }

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    const isFunction = url.startsWith(FUNCTIONS_PREFIX)
    // In `function` mode the function owns CORS entirely, as on hosted.
    if ((!isFunction || functionsCors === 'gateway') && isPreflight(req)) return answerPreflight(req, res)
    if (isFunction) {
      if (functionsCors === 'gateway') addCorsHeaders(res)
      handleFunction(req, res, url).catch((error: Error) => {
        o.log(`functions: ${error.stack ?? error.message}`)
        if (!res.headersSent) sendJson(res, 500, '{"message":"An unexpected error occurred"}')
      })
      return
    }
    const restPath = stripPrefix(url, REST_PREFIX)
    if (restPath !== undefined) return proxy(req, res, rest, restPath)
    const authPath = stripPrefix(url, AUTH_PREFIX)
    if (authPath !== undefined) return proxy(req, res, auth, authPath)
    sendJsonWithCors(res, 404, NO_ROUTE)
  })
  // Realtime is not provided: a WebSocket upgrade gets Kong's 404 rather than a reset socket.
  server.on('upgrade', (_req, socket) => {
    socket.end(
      `HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${NO_ROUTE.length}\r\nConnection: close\r\n\r\n${NO_ROUTE}`,
    )
  })
  // Longer than typical client pools keep idle sockets, so clients don't race our close.
  server.keepAliveTimeout = 65_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  o.log(`gateway listening on http://127.0.0.1:${port}`)

  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        rest.agent.destroy()
        auth.agent.destroy()
      }),
  }
}

function sendJsonWithCors(res: http.ServerResponse, status: number, body: string): void {
  addCorsHeaders(res)
  sendJson(res, status, body)
}

/** Kong's 504 on a timeout; otherwise a 502 that names the service that is down. */
function upstreamFailureHandler(target: ProxyTarget, log: Logger): ProxyFailureHandler {
  const where = `http://${target.host}:${target.port}`
  return (res, kind, error) => {
    log(`${target.name} upstream ${kind}: ${error.message}`)
    if (kind === 'timeout') return sendJsonWithCors(res, 504, '{"message":"The upstream server is timing out"}')
    const detail = `The ${target.name} service at ${where} did not answer (${error.message}); check its log.`
    sendJsonWithCors(res, 502, JSON.stringify({ message: 'An invalid response was received from the upstream server', error: detail }))
  }
}

/** `/rest/v1/x?y` → `/x?y`; `/rest/v1` and `/rest/v1?y` → `/`, `/?y`; other paths → undefined. */
export function stripPrefix(url: string, prefix: string): string | undefined {
  if (!url.startsWith(prefix)) return undefined
  if (url.length === prefix.length) return '/'
  const next = url.charCodeAt(prefix.length)
  if (next === 47 /* / */) return url.slice(prefix.length)
  if (next === 63 /* ? */) return `/${url.slice(prefix.length)}`
  return undefined
}
