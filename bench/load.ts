/**
 * Load generation with autocannon (raw HTTP/1.1, far lighter than fetch, which matters when
 * the generator shares 2 cores with the server). Latencies are recorded per response so that
 * p95 is exact; autocannon's own summary has no p95.
 */
import autocannon from 'autocannon'

export interface LoadResult {
  requests: number
  errors: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
}

export async function load(url: string, options: { connections: number; durationMs: number; headers?: Record<string, string>; expectStatus?: number }): Promise<LoadResult> {
  const latencies: number[] = []
  let unexpectedStatus = 0
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.durationMs / 1000, headers: options.headers },
      (error, finished) => (error ? reject(error) : resolve(finished)),
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
    requestsPerSecond: latencies.length / (options.durationMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
  }
}
