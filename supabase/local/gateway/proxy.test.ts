import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createUpstreamAgent, forward, sendJson, type ProxyFailure } from './proxy.ts'

let hanging: http.Server
let front: http.Server
let failures: ProxyFailure[] = []

beforeAll(async () => {
  hanging = http.createServer(() => {})
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
  const target = {
    name: 'slow',
    host: '127.0.0.1',
    port: (hanging.address() as AddressInfo).port,
    agent: createUpstreamAgent(),
    timeoutMs: 200,
  }
  front = http.createServer((req, res) =>
    forward(req, res, target, req.url!, ['Host', 'upstream'], (response, kind) => {
      failures.push(kind)
      sendJson(response, kind === 'timeout' ? 504 : 502, '{}')
    }),
  )
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
})
afterAll(() => {
  hanging.closeAllConnections()
  hanging.close()
  front.close()
})

it('turns an upstream that never answers into a timeout failure', async () => {
  failures = []
  const response = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}/x`)
  expect(response.status).toBe(504)
  expect(failures).toEqual(['timeout'])
})
