/**
 * The one error boundary. Routes re-export it, optionally with per-status messages.
 * Expected errors (404, 403) get friendly words; unexpected ones never show stack traces.
 */
import { isRouteErrorResponse, Link, useRouteError, type ErrorResponse } from '@remix-run/react'
import type { ReactNode } from 'react'
import { buttonClass } from './ui/button.tsx'

type StatusHandler = (info: { error: ErrorResponse }) => ReactNode

const DEFAULT_MESSAGES: Record<number, { title: string; body: string }> = {
  403: { title: 'Not allowed', body: 'You don’t have access to this page.' },
  404: { title: 'Page not found', body: 'We couldn’t find that page. It may have moved, or the link may be wrong.' },
  429: { title: 'Slow down a little', body: 'Too many attempts in a short time. Please wait a minute and try again.' },
}

export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError()
  if (typeof document !== 'undefined' && !isRouteErrorResponse(error)) console.error(error)

  let title = 'Something went wrong'
  let body: ReactNode = 'An unexpected error happened on our side. Please try again in a moment.'
  if (isRouteErrorResponse(error)) {
    const custom = statusHandlers[error.status]
    const known = DEFAULT_MESSAGES[error.status]
    if (custom) return <ErrorLayout title={known?.title ?? `Error ${error.status}`}>{custom({ error })}</ErrorLayout>
    if (known) {
      title = known.title
      body = typeof error.data === 'string' && error.data.length > 0 && error.data.length < 200 ? error.data : known.body
    }
  }
  return <ErrorLayout title={title}>{body}</ErrorLayout>
}

function ErrorLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="error-title" className="mx-auto flex max-w-md flex-col items-start gap-4 py-12">
      <h1 id="error-title" className="text-2xl font-bold">
        {title}
      </h1>
      <div className="text-ink-muted">{children}</div>
      <Link to="/" className={buttonClass('secondary')}>
        Go to the home page
      </Link>
    </section>
  )
}
