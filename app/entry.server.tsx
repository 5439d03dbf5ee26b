/**
 * Streams the HTML. Bots get the whole document at once; people get it as it renders. Every
 * inline script carries the request's CSP nonce, which the production server puts in the header.
 */
import { PassThrough } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type AppLoadContext,
  type EntryContext,
  type LoaderFunctionArgs,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream, renderToStaticMarkup } from 'react-dom/server'
import { BackendUnavailablePage } from './components/backend-unavailable.tsx'
import { isBackendUnavailable, markUnavailable, RETRY_AFTER_SECONDS, wasUnavailable } from './lib/backend-unavailable.server.ts'
import { NonceProvider } from './lib/nonce.tsx'
import stylesheet from './styles/app.css?url'

export const streamTimeout = 5_000

/**
 * Logs what went wrong on the server, and only that. A refused request (a POST to a page with no
 * action is a 405, an unknown path a 404) is the client's mistake, answered with its 4xx: it must
 * not print a stack trace, page anyone or count against an error budget. Nor does a request the
 * client walked away from.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  // A backend that is down is answered with the 503 page (below); it is logged as one line.
  if (isBackendUnavailable(error)) {
    markUnavailable(request)
    console.warn(`503 ${new URL(request.url).pathname}: a backend is unavailable (${describe(error)})`)
    return
  }
  console.error(error)
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown }
  return [e.code, e.message]
    .filter((part) => typeof part === 'string' && part)
    .join(' ')
    .split('\n')[0]
    .slice(0, 200)
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (wasUnavailable(request)) {
    responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
    responseHeaders.set('Cache-Control', 'no-store')
    responseHeaders.set('Retry-After', String(RETRY_AFTER_SECONDS))
    const retryUrl = new URL(request.url).pathname + new URL(request.url).search
    const page = renderToStaticMarkup(<BackendUnavailablePage stylesheet={stylesheet} retryUrl={retryUrl} />)
    return new Response(`<!DOCTYPE html>${page}`, { status: 503, headers: responseHeaders })
  }
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          if (!responseHeaders.has('Cache-Control')) responseHeaders.set('Cache-Control', 'private, no-cache')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell are handled by the error boundary; log the ones after it.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1_000)
  })
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string
    /** The visitor's IP as the trusted proxy hop count says (server/index.mjs); unset under Vite. */
    clientIp?: string
  }
}
