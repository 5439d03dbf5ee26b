/**
 * The WebSocket constructor supabase-js gets as its realtime transport. The portal never opens a
 * realtime channel, but supabase-js looks for a WebSocket when the client is created and throws on
 * Node 20, which has none. Node 22 and 24 have one built in (ADR 014), so the `ws` package is only
 * loaded when the runtime lacks it; drop `ws` when Node 20 support ends.
 */
import { createRequire } from 'node:module'

export type WebSocketConstructor = typeof globalThis.WebSocket

/** The runtime's own WebSocket when it has one; otherwise the shim from `loadShim`, which is only called then. */
export function chooseWebSocket(runtime: { WebSocket?: WebSocketConstructor }, loadShim: () => WebSocketConstructor): WebSocketConstructor {
  return typeof runtime.WebSocket === 'function' ? runtime.WebSocket : loadShim()
}

// `require`, not a static import, so Node 22+ never loads `ws`. The shim is not a DOM WebSocket
// type-wise (Node's EventEmitter API besides), but it has what supabase-js's transport needs.
const loadWs = (): WebSocketConstructor => createRequire(import.meta.url)('ws') as WebSocketConstructor

/** Pass as `realtime: { transport: webSocketTransport }` to every supabase-js client on Node. */
export const webSocketTransport: WebSocketConstructor = chooseWebSocket(globalThis, loadWs)
