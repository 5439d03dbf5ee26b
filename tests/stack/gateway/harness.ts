/**
 * Component harness for the gateway: stub upstreams on port 0 that echo what they
 * received, a stub functions runner, and a gateway in any mode. No Postgres needed.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { loadConfig, PROJECT_ROOT, type StackConfig } from '../../../supabase/local/config.ts'
import type { FunctionsRunner } from '../../../supabase/local/functions/runner.ts'
import { startGateway } from '../../../supabase/local/gateway/server.ts'
import { createTokenSigner, type TokenSigner } from '../../../supabase/local/keys.ts'

export const FIXTURE_ROOT = path.join(PROJECT_ROOT, 'tests/stack/fixture')

export interface EchoedRequest {
  upstream: string
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  rawHeaderNames: string[]
  body: string
}

/** An upstream that answers every request with what it saw; `/sse` streams, `/hang` never answers. */
export async function startEchoUpstream(name: string) {
  const server = http.createServer((req, res) => {
    if (req.url === '/sse') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      res.write('data: first\n\n')
      const timer = setTimeout(() => res.end('data: last\n\n'), 1500)
      res.on('close', () => clearTimeout(timer))
      return
    }
    if (req.url === '/hang') return
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const echoed: EchoedRequest = {
        upstream: name,
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0),
        body: Buffer.concat(chunks).toString('utf8'),
      }
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Range': '0-0/1',
        // The gateway's CORS must win over an upstream's own.
        'Access-Control-Allow-Origin': 'http://upstream.example',
      })
      res.end(JSON.stringify(echoed))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Records what the gateway hands the runner and answers like a function would. */
export function stubFunctionsRunner(): FunctionsRunner & { calls: Array<{ slug: string; pathAfterSlug: string; headers?: string[] }> } {
  const calls: Array<{ slug: string; pathAfterSlug: string; headers?: string[] }> = []
  return {
    calls,
    handle(req, res, slug, pathAfterSlug, headers) {
      calls.push({ slug, pathAfterSlug, headers })
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-From-Function': 'yes' })
      res.end(JSON.stringify({ slug, pathAfterSlug, method: req.method }))
    },
    warmAll: async () => {},
    stop: async () => {},
  }
}

export function fixtureConfig(local: Partial<StackConfig['local']> = {}): StackConfig {
  // An empty env: the defaults, whatever SB_LOCAL_* the test process happens to have.
  const config = loadConfig({ projectRoot: FIXTURE_ROOT, env: {} as NodeJS.ProcessEnv })
  return { ...config, local: { ...config.local, ...local } }
}

export async function startTestGateway(options: {
  local?: Partial<StackConfig['local']>
  upstreams: { auth: string; rest: string }
  functions?: FunctionsRunner
  signer?: TokenSigner
  log?: (line: string) => void
}) {
  const config = fixtureConfig(options.local)
  const signer = options.signer ?? (await createTokenSigner('HS256', config.stateDir))
  const gateway = await startGateway({
    config,
    signer,
    upstreams: options.upstreams,
    functions: options.functions ?? stubFunctionsRunner(),
    port: 0,
    log: options.log ?? (() => {}),
  })
  return { url: `http://127.0.0.1:${gateway.port}`, stop: gateway.stop }
}
