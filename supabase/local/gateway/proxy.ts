/**
 * The streaming reverse-proxy core shared by the gateway and the functions runner.
 * Bodies are piped both ways and never parsed; `text/event-stream` headers are flushed
 * at once so that server-sent events reach the client as they are produced.
 */
import http from 'node:http'

export interface ProxyTarget {
  /** Used in error messages and logs: "auth", "rest", "function hello". */
  name: string
  host: string
  port: number
  agent: http.Agent
  timeoutMs: number
}

export type ProxyFailure = 'unreachable' | 'timeout' | 'reset'

/** Decides the response when the upstream fails before it has sent its headers. */
export type ProxyFailureHandler = (res: http.ServerResponse, kind: ProxyFailure, error: Error) => void

/** Idle upstream sockets are dropped after this, well before upstreams close them on their side. */
const IDLE_SOCKET_MS = 4_000

export function createUpstreamAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' })
}

export function targetFromUrl(name: string, url: string, timeoutMs: number, agent = createUpstreamAgent()): ProxyTarget {
  const parsed = new URL(url)
  return { name, host: parsed.hostname, port: Number(parsed.port || 80), agent, timeoutMs }
}

/** Hop-by-hop headers that describe our own connections, not the message. */
export function isHopByHop(lowerName: string): boolean {
  return lowerName === 'connection' || lowerName === 'keep-alive' || lowerName === 'proxy-connection'
}

class UpstreamTimeout extends Error {}

/** Response headers the gateway imposes (CORS): flat name/value pairs, names lower-case. */
export type ResponseOverrides = readonly string[]

/**
 * Forwards `req` to the target. `headers` is a flat `rawHeaders`-style list. `overrides`
 * and any header the caller already set on `res` win over the upstream's. Overrides are
 * the fast path: a plain array lets `writeHead` skip Node's header-merging slow path.
 */
export function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: ProxyTarget,
  path: string,
  headers: string[],
  onFailure: ProxyFailureHandler,
  overrides: ResponseOverrides = [],
  isRetry = false,
): void {
  const upstreamReq = http.request({
    host: target.host,
    port: target.port,
    method: req.method,
    path,
    headers,
    agent: target.agent,
    setHost: false,
  })
  upstreamReq.setTimeout(target.timeoutMs, () => upstreamReq.destroy(new UpstreamTimeout()))

  upstreamReq.on('response', (upstreamRes) => {
    const raw = upstreamRes.rawHeaders
    const out: string[] = []
    let isEventStream = false
    for (let i = 0; i < raw.length; i += 2) {
      const lower = raw[i].toLowerCase()
      if (isHopByHop(lower) || isOverridden(overrides, lower) || res.hasHeader(lower)) continue
      if (lower === 'content-type' && raw[i + 1].startsWith('text/event-stream')) isEventStream = true
      out.push(raw[i], raw[i + 1])
    }
    for (let i = 0; i < overrides.length; i++) out.push(overrides[i])
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, out)
    if (isEventStream) res.flushHeaders()
    upstreamRes.pipe(res)
    // A crash after the headers went out can only be signalled by cutting the connection.
    upstreamRes.on('error', () => res.destroy())
    upstreamRes.on('aborted', () => res.destroy())
  })

  upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      res.destroy()
      return
    }
    // A pooled keep-alive socket the upstream had already closed: safe to replay a bodiless request.
    const replayable = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS'
    if (!isRetry && replayable && upstreamReq.reusedSocket && error.code === 'ECONNRESET') {
      forward(req, res, target, path, headers, onFailure, overrides, true)
      return
    }
    const kind: ProxyFailure = error instanceof UpstreamTimeout ? 'timeout' : error.code === 'ECONNREFUSED' ? 'unreachable' : 'reset'
    onFailure(res, kind, error)
  })

  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy()
  })

  if (isRetry) upstreamReq.end()
  else req.pipe(upstreamReq)
}

function isOverridden(overrides: ResponseOverrides, lowerName: string): boolean {
  for (let i = 0; i < overrides.length; i += 2) if (overrides[i] === lowerName) return true
  return false
}

export function sendJson(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}
