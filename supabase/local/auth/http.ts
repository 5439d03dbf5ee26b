/** Request parsing and response writing for the Auth server's plain node:http handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { isIP } from 'node:net'
import { type z } from 'zod'
import { AuthError, OAuthError, badRequest } from './errors.ts'

/** auth-js only trusts `code` in error bodies when responses carry this version (§4.2). */
export const API_VERSION = '2024-01-01'
const MAX_BODY_BYTES = 1024 * 1024

export interface AuthRequest {
  method: string
  /** Path without the `/auth/v1` prefix, which the gateway strips. */
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /**
   * Client address for rate limits and sessions: `Sb-Forwarded-For`'s first value when it is a
   * valid IP (the gateway passes that header only with the secret key), else the first
   * X-Forwarded-For entry (set by the gateway), else the socket's.
   */
  ip: string
  userAgent: string
  body: unknown
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, headers })

export const redirect = (location: string): Reply => ({ status: 303, headers: { location } })

/** GoTrue's sbff.parseSBFFHeader: the first comma-separated value, if it parses as an IP. */
export function sbForwardedIp(header: string | string[] | undefined): string | undefined {
  const first = String(Array.isArray(header) ? header[0] : (header ?? ''))
    .split(',')[0]
    .trim()
  const plain = first.startsWith('::ffff:') && isIP(first.slice(7)) === 4 ? first.slice(7) : first
  return isIP(plain) ? plain : undefined
}

export async function readRequest(req: IncomingMessage, url: URL): Promise<AuthRequest> {
  const forwarded =
    sbForwardedIp(req.headers['sb-forwarded-for']) ??
    String(req.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      .trim()
  return {
    method: req.method ?? 'GET',
    path: url.pathname.replace(/\/+$/, '') || '/',
    query: url.searchParams,
    headers: req.headers,
    ip: forwarded || req.socket.remoteAddress || '',
    userAgent: String(req.headers['user-agent'] ?? ''),
    body: req.method === 'GET' || req.method === 'HEAD' ? {} : await readJsonBody(req),
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new AuthError(413, 'request_too_large', 'Request body too large')
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON')
  }
}

/** Validates a body with Zod; failures become 400 `validation_failed` naming the field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue.path.join('.')
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message)
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'X-Supabase-Api-Version': API_VERSION, ...reply.headers }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end()
    return
  }
  const payload = JSON.stringify(reply.body)
  headers['Content-Type'] = 'application/json'
  headers['Content-Length'] = String(Buffer.byteLength(payload))
  res.writeHead(reply.status, headers).end(payload)
}

/** Maps a thrown value to the error body auth-js understands; unknown errors become 500s. */
export function errorReply(error: unknown): Reply {
  if (error instanceof OAuthError) {
    return json({ error: error.error, error_description: error.description }, error.status)
  }
  const authError =
    error instanceof AuthError
      ? error
      : new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information')
  const body: Record<string, unknown> = {
    code: authError.code,
    error_code: authError.code,
    msg: authError.message,
    message: authError.message,
    ...authError.extra,
  }
  if (authError.status >= 500) body.error_id = randomUUID()
  return json(body, authError.status, { 'x-sb-error-code': authError.code })
}
