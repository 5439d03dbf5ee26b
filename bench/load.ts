/** A small closed-loop load generator: `connections` concurrent loops for `durationMs`, exact percentiles. */
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
  let errors = 0
  const deadline = performance.now() + options.durationMs
  const started = performance.now()
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = performance.now()
      try {
        const response = await fetch(url, { headers: options.headers, redirect: 'manual' })
        await response.arrayBuffer()
        if (response.status !== (options.expectStatus ?? 200)) errors++
      } catch {
        errors++
      }
      latencies.push(performance.now() - t)
    }
  }
  await Promise.all(Array.from({ length: options.connections }, loop))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
  return { requests: latencies.length, errors, requestsPerSecond: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}
