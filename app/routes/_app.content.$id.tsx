import type { MetaFunction } from '@remix-run/node'
import { Link, useFetcher, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { CONTENT_KIND_LABELS } from '~/lib/feed-labels.ts'
import { useRecordOpen } from '~/lib/use-record-open.ts'
import { action, loader } from './_app.content.$id.server.ts'

export { action, loader }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.item.title} · Advocate portal` : 'Advocate portal' },
]

export default function ContentPage() {
  const { item, saved } = useLoaderData<typeof loader>()
  useRecordOpen('content', item.id)
  const fetcher = useFetcher<typeof action>()
  // Optimistic: the button flips at once and settles when the server answers.
  const pendingIntent = fetcher.formData?.get('intent')
  const isSaved = pendingIntent ? pendingIntent === 'save' : saved
  return (
    <article className="flex flex-col gap-5" aria-labelledby="content-title">
      <Link to="/feed" className="inline-flex min-h-11 items-center self-start font-semibold">
        ← Back to your feed
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-ink-muted">
          {CONTENT_KIND_LABELS[item.kind]} · {item.published}
        </p>
        <h1 id="content-title" className="text-2xl font-bold">
          {item.title}
        </h1>
      </header>
      <p className="whitespace-pre-line">{item.body}</p>
      <div className="flex flex-wrap gap-3">
        {item.url ? (
          <a href={item.url} target="_blank" rel="noopener noreferrer" className={buttonClass('primary')}>
            Open it<span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : null}
        <fetcher.Form method="post">
          <Button variant="secondary" name="intent" value={isSaved ? 'unsave' : 'save'}>
            {isSaved ? 'Saved' : 'Save for later'}
          </Button>
        </fetcher.Form>
      </div>
      {fetcher.data?.error ? (
        <p role="alert" className="text-danger">
          {fetcher.data.error}
        </p>
      ) : null}
    </article>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
