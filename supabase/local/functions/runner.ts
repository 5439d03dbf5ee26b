/**
 * The edge-functions runner: one Deno process per slug, started on the first request
 * (or all at once in eager mode), respawned on the next request after it dies.
 */
import type http from 'node:http'
import path from 'node:path'
import type { JWK } from 'jose'
import type { StackConfig } from '../config.ts'
import { buildJwks } from '../keys.ts'
import type { Logger } from '../types.ts'
import { createUpstreamAgent, forward, isHopByHop, sendJson, type ProxyFailureHandler, type ProxyTarget } from '../gateway/proxy.ts'
import { listFunctions, resolveFunction, type FunctionEntry } from './discovery.ts'
import { buildFunctionEnv, readStackJwks } from './env.ts'
import { BootError, spawnWorker, type FunctionWorker } from './worker.ts'

export interface FunctionsRunner {
  /**
   * Serves one request for `slug`. The function sees `/<slug><pathAfterSlug>`, where
   * `pathAfterSlug` is '' or starts with '/' or '?'. `upstreamHeaders` (flat rawHeaders
   * style) replaces the client's headers, e.g. after the gateway's Authorization rewrite.
   * Response headers already set on `res` (gateway-mode CORS) win over the function's.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse, slug: string, pathAfterSlug: string, upstreamHeaders?: string[]): void
  /** Eager mode: boot every function now; boot failures are logged, not thrown. */
  warmAll(): Promise<void>
  stop(): Promise<void>
}

export interface FunctionsRunnerOptions {
  config: StackConfig
  /** As functions must call them: SUPABASE_URL and SUPABASE_DB_URL. */
  urls: { api: string; db: string }
  log: Logger
  stateDir: string
  /** SUPABASE_JWKS; defaults to the secret plus, in ES256 mode, the key persisted in stateDir. */
  jwks?: { keys: JWK[] }
}

/** §3.5: functions may run for up to 150 s behind the gateway. */
const FUNCTION_TIMEOUT_MS = 150_000
const BOOT_ERROR = '{"code":"BOOT_ERROR","message":"Worker failed to boot (please check logs)"}'
const WORKER_ERROR = '{"code":"WORKER_ERROR","message":"Function exited due to an error (please check logs)"}'

interface Running {
  worker: FunctionWorker
  target?: ProxyTarget
}

export function createFunctionsRunner(o: FunctionsRunnerOptions): FunctionsRunner {
  const running = new Map<string, Running>()
  const agent = createUpstreamAgent()
  const denoDir = path.join(o.stateDir, 'deno')
  const secretsFile = path.join(o.config.supabaseDir, 'functions', '.env')
  const jwks = () => o.jwks ?? readStackJwks(o.stateDir, o.config.local.jwtMode, buildJwks())
  let stopped = false

  const start = (entry: FunctionEntry): Running => {
    const env = buildFunctionEnv({ apiUrl: o.urls.api, dbUrl: o.urls.db, jwks: jwks(), denoDir, secretsFile, log: o.log })
    const worker = spawnWorker({ entry, env, supabaseDir: o.config.supabaseDir, denoDir, log: o.log })
    const run: Running = { worker }
    running.set(entry.slug, run)
    worker.ready.then(
      (port) => {
        run.target = { name: `function ${entry.slug}`, host: '127.0.0.1', port, agent, timeoutMs: FUNCTION_TIMEOUT_MS }
        o.log(`[${entry.slug}] ready on port ${port}`)
      },
      (error: Error) => {
        o.log(`[${entry.slug}] boot failed: ${error.message}`)
        retire(entry.slug, run)
      },
    )
    return run
  }

  /** Forgets a worker so that the next request boots a fresh one. */
  const retire = (slug: string, run: Running) => {
    if (running.get(slug) === run) running.delete(slug)
    void run.worker.stop()
  }

  const runningFor = (slug: string): Running | undefined => {
    const existing = running.get(slug)
    if (existing && existing.worker.isAlive()) return existing
    if (existing) running.delete(slug)
    const entry = resolveFunction(o.config, slug)
    return entry && !stopped ? start(entry) : undefined
  }

  const failureHandler =
    (slug: string, run: Running, retry: (() => void) | null): ProxyFailureHandler =>
    (res, kind, error) => {
      o.log(`[${slug}] request failed (${kind}): ${error.message}`)
      if (kind === 'timeout') return sendJson(res, 504, '{"message":"The upstream server is timing out"}')
      // The process crashed or is going down: the next request gets a fresh one.
      retire(slug, run)
      // A worker killed from outside (a crash, an OOM kill) refuses or resets connections before
      // Node has seen it exit. A request without a body (GET is idempotent) is sent once more, to
      // a fresh worker, as hosted Supabase boots one for the next request; a function that dies
      // on the request itself dies again and answers 500. A streamed body cannot be replayed.
      if (retry) return retry()
      sendJson(res, 500, WORKER_ERROR)
    }

  const handle = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    slug: string,
    pathAfterSlug: string,
    upstreamHeaders: string[] | undefined,
    isRetry: boolean,
  ): void => {
    const run = runningFor(slug)
    if (!run) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Function not found')
      return
    }
    const headers = upstreamHeaders ?? withoutHopByHop(req.rawHeaders)
    const path = `/${slug}${pathAfterSlug}`
    const bodiless = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS'
    const retry = !isRetry && bodiless ? () => handle(req, res, slug, pathAfterSlug, headers, true) : null
    const send = () => forward(req, res, run.target!, path, headers, failureHandler(slug, run, retry), [], isRetry)
    if (run.target) return send()
    run.worker.ready.then(send, (error: Error) => {
      if (!(error instanceof BootError)) o.log(`[${slug}] ${error.stack}`)
      if (!res.headersSent) sendJson(res, 503, BOOT_ERROR)
    })
  }

  return {
    handle(req, res, slug, pathAfterSlug, upstreamHeaders) {
      handle(req, res, slug, pathAfterSlug, upstreamHeaders, false)
    },

    async warmAll() {
      const runs = listFunctions(o.config).map((entry) => runningFor(entry.slug))
      await Promise.all(runs.map((run) => run?.worker.ready.catch(() => undefined)))
    },

    async stop() {
      stopped = true
      const runs = [...running.values()]
      running.clear()
      await Promise.all(runs.map((run) => run.worker.stop()))
      agent.destroy()
    },
  }
}

function withoutHopByHop(rawHeaders: string[]): string[] {
  const headers: string[] = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!isHopByHop(rawHeaders[i].toLowerCase())) headers.push(rawHeaders[i], rawHeaders[i + 1])
  }
  return headers
}
