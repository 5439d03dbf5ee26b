import { createRequire } from 'node:module'
import { createClient } from '@supabase/supabase-js'
import { describe, expect, it, vi } from 'vitest'
import { chooseWebSocket, webSocketTransport, type WebSocketConstructor } from './websocket.server.ts'

const nodeMajor = Number(process.versions.node.split('.')[0])
const fakeNative = function NativeWebSocket() {} as unknown as WebSocketConstructor
const fakeShim = function ShimWebSocket() {} as unknown as WebSocketConstructor

describe('chooseWebSocket', () => {
  it("uses the runtime's WebSocket and never loads the shim when there is one (Node 22+)", () => {
    const loadShim = vi.fn(() => fakeShim)
    expect(chooseWebSocket({ WebSocket: fakeNative }, loadShim)).toBe(fakeNative)
    expect(loadShim).not.toHaveBeenCalled()
  })

  it('loads the shim when the runtime has no WebSocket (Node 20)', () => {
    const loadShim = vi.fn(() => fakeShim)
    expect(chooseWebSocket({}, loadShim)).toBe(fakeShim)
    expect(loadShim).toHaveBeenCalledOnce()
  })
})

describe(`webSocketTransport on this Node (${process.version})`, () => {
  it.runIf(nodeMajor >= 22)('is the built-in WebSocket', () => {
    expect(webSocketTransport).toBe(globalThis.WebSocket)
  })

  it.runIf(nodeMajor < 22)('is the ws package, since Node 20 has no global WebSocket', () => {
    expect(globalThis.WebSocket).toBeUndefined()
    expect(webSocketTransport).toBe(createRequire(import.meta.url)('ws'))
  })

  it('is what supabase-js takes as its realtime transport', () => {
    const client = createClient('http://127.0.0.1:9', 'anon', {
      auth: { persistSession: false },
      realtime: { transport: webSocketTransport },
    })
    expect(client.realtime.transport).toBe(webSocketTransport)
  })
})
