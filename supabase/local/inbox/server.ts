/**
 * The mail inbox on :54324: captures Auth's mail in memory and serves the subset of
 * Mailpit's API that test helpers use, plus a small HTML inbox for people.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import type { Logger, Mailer } from '../types.ts'
import { renderInbox, renderMessage } from './html.ts'
import { Mailbox, detailOf, summaryOf, type StoredMessage } from './store.ts'

export interface InboxOptions {
  port: number
  log: Logger
}

const DeleteBodySchema = z.object({ IDs: z.array(z.string()).optional() }).passthrough()
/** Pages never load anything; mail HTML (in a srcdoc iframe, which inherits this) may show images. */
const PAGE_SECURITY_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
}

export async function startInbox(o: InboxOptions): Promise<{ mailer: Mailer; port: number; stop(): Promise<void> }> {
  const mailbox = new Mailbox()
  const mailer: Mailer = {
    async send(mail) {
      const stored = mailbox.add(mail)
      o.log(`captured mail ${stored.ID} to ${mail.to.join(', ')}: ${mail.subject}`)
    },
  }

  const server = http.createServer((req, res) => {
    handle(mailbox, req, res).catch((error: Error) => {
      o.log(`inbox: ${error.stack ?? error.message}`)
      if (!res.headersSent) json(res, 500, { error: error.message })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  o.log(`inbox listening on http://127.0.0.1:${port}`)
  return {
    mailer,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function handle(mailbox: Mailbox, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://inbox')
  const path = url.pathname
  const method = req.method ?? 'GET'

  if (method === 'GET' && path === '/api/v1/messages') return json(res, 200, listing(mailbox.newestFirst(), url))
  if (method === 'GET' && path === '/api/v1/search') {
    return json(res, 200, listing(mailbox.search(url.searchParams.get('query') ?? ''), url))
  }
  if (method === 'DELETE' && (path === '/api/v1/messages' || path === '/api/v1/search')) {
    const parsed = DeleteBodySchema.safeParse(parseJsonOrUndefined(await readBody(req)))
    if (!parsed.success) return json(res, 400, { error: 'expected {"IDs": [string]}' })
    if (path === '/api/v1/search') {
      const ids = mailbox.search(url.searchParams.get('query') ?? '').map((m) => m.ID)
      mailbox.delete(ids)
    } else mailbox.delete(parsed.data.IDs?.length ? parsed.data.IDs : undefined)
    return text(res, 200, 'ok')
  }
  const messageId = matchId(path, '/api/v1/message/')
  if (method === 'GET' && messageId !== undefined) {
    const message = mailbox.get(messageId)
    return message ? json(res, 200, detailOf(message)) : text(res, 404, 'message not found')
  }

  if (method === 'GET' && path === '/') return page(res, 200, renderInbox(mailbox.newestFirst()))
  const viewId = matchId(path, '/view/')
  if (method === 'GET' && viewId !== undefined) {
    const message = mailbox.get(viewId)
    return message ? page(res, 200, renderMessage(message)) : text(res, 404, 'message not found')
  }
  if (method === 'POST' && path === '/clear') {
    mailbox.delete()
    res.writeHead(303, { Location: '/' })
    return void res.end()
  }
  text(res, 404, 'not found')
}

/** Mailpit's list envelope, with its `start`/`limit` paging (default 50). */
function listing(messages: StoredMessage[], url: URL) {
  const start = Math.max(0, Number(url.searchParams.get('start')) || 0)
  const limit = Math.max(1, Number(url.searchParams.get('limit')) || 50)
  const page = messages.slice(start, start + limit)
  return {
    total: messages.length,
    unread: messages.length,
    count: page.length,
    messages_count: messages.length,
    start,
    tags: [],
    messages: page.map(summaryOf),
  }
}

function matchId(path: string, prefix: string): string | undefined {
  if (!path.startsWith(prefix)) return undefined
  const id = decodeURIComponent(path.slice(prefix.length))
  return id && !id.includes('/') ? id : undefined
}

/** An empty body means "everything"; malformed JSON fails validation instead of throwing. */
function parseJsonOrUndefined(body: string): unknown {
  if (!body.trim()) return {}
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
  res.end(payload)
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(body)
}

function page(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_SECURITY_HEADERS)
  res.end(html)
}
