/**
 * Load generation with autocannon (raw HTTP/1.1, far lighter than fetch, which matters when
 * the generator shares 2 cores with the server). Latencies are recorded per response so that
 * p95 is exact; autocannon's own summary has no p95.
 */
import autocannon from 'autocannon'
import { SMOKE } from './mode.ts'

/**
 * A smoke run (bench/mode.ts) sends a fixed number of requests per connection instead of loading
 * for a duration: on a busy machine a page may not answer at all within a second, which must read
 * neither as a failure nor as a pass.
 */
const SMOKE_REQUESTS_PER_CONNECTION = 4

export interface LoadResult {
  requests: number
  errors: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
}

export async function load(
  url: string,
  options: { connections: number; durationMs: number; headers?: Record<string, string>; expectStatus?: number },
): Promise<LoadResult> {
  const latencies: number[] = []
  let unexpectedStatus = 0
  const started = performance.now()
  const amount = SMOKE ? { amount: options.connections * SMOKE_REQUESTS_PER_CONNECTION } : { duration: options.durationMs / 1000 }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: options.connections, ...amount, headers: options.headers }, (error, finished) =>
      error ? reject(error) : resolve(finished),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (statusCode !== (options.expectStatus ?? 200)) unexpectedStatus++
    })
  })
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
  return {
    requests: latencies.length,
    errors: unexpectedStatus + result.errors + result.timeouts,
    requestsPerSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  }
}
