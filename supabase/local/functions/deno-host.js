// Runs one edge function inside Deno for the local stack (plain JS so that neither tsc
// nor `deno check` needs Deno and Node types at once).
//
// Usage: deno run … deno-host.js <entry file URL>
//
// It supports both entry styles: `export default { fetch }` and the classic
// `Deno.serve(handler)`, by swapping Deno.serve for a shim that only captures the handler
// while the module loads. The real server then listens on an ephemeral 127.0.0.1 port and
// announces it on stdout with the ready marker, which the runner waits for.

const READY_MARKER = '__SB_FUNCTION_READY__'
const WORKER_ERROR = JSON.stringify({
  code: 'WORKER_ERROR',
  message: 'Function exited due to an error (please check logs)',
})

const [entryUrl] = Deno.args

// Supabase's edge-runtime global: background work that must not delay the response.
globalThis.EdgeRuntime = {
  waitUntil(promise) {
    Promise.resolve(promise).catch((error) => console.error('EdgeRuntime.waitUntil: promise rejected:', error))
  },
}

/** Deno.serve(handler) | Deno.serve(options, handler) | Deno.serve({ handler, … }) */
function handlerFromServeArgs(args) {
  if (typeof args[0] === 'function') return args[0]
  if (typeof args[1] === 'function') return args[1]
  if (args[0] && typeof args[0].handler === 'function') return args[0].handler
  return undefined
}

const realServe = Deno.serve
let capturedHandler
Deno.serve = function capturingServe(...args) {
  capturedHandler = handlerFromServeArgs(args)
  // Enough of Deno.HttpServer for code that awaits or shuts down its server.
  return {
    finished: new Promise(() => {}),
    addr: { transport: 'tcp', hostname: '127.0.0.1', port: 0 },
    shutdown: async () => {},
    ref() {},
    unref() {},
    [Symbol.asyncDispose]: async () => {},
  }
}

let entryModule
try {
  entryModule = await import(entryUrl)
} catch (error) {
  console.error('Worker failed to boot:', error)
  Deno.exit(1)
} finally {
  Deno.serve = realServe
}

const exported = entryModule.default
const handler = capturedHandler ?? (exported && typeof exported.fetch === 'function' ? exported.fetch.bind(exported) : undefined)
if (!handler) {
  console.error('Worker failed to boot: the module neither calls Deno.serve(handler) nor has `export default { fetch }`')
  Deno.exit(1)
}

realServe(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) => console.log(`${READY_MARKER} ${port}`),
    // edge-runtime answers an uncaught handler error with WORKER_ERROR, not Deno's plain 500.
    onError: (error) => {
      console.error(error)
      return new Response(WORKER_ERROR, { status: 500, headers: { 'Content-Type': 'application/json' } })
    },
  },
  handler,
)
