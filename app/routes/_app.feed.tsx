import { QueryClient, QueryClientProvider, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query'
import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import type { FeedResponse } from '../../supabase/functions/_shared/feed-contract.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FeedCard, FeedCardSkeleton } from '~/components/feed/feed-card.tsx'
import { FilterChips } from '~/components/feed/filter-chips.tsx'
import { usePullToRefresh } from '~/components/feed/use-pull-to-refresh.ts'
import { Alert } from '~/components/ui/alert.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { loader } from './_app.feed.server.ts'

export { loader }

export const meta: MetaFunction = () => [{ title: 'Your feed · Advocate portal' }]

/** The feed moved on since page 1 (409): start again from the top rather than drop or repeat items. */
class FeedMovedOn extends Error {}

async function fetchNextPage(cursor: string, filter: { kind?: string; type?: string }): Promise<FeedResponse> {
  const query = new URLSearchParams({ cursor })
  if (filter.kind) query.set('kind', filter.kind)
  if (filter.type) query.set('type', filter.type)
  const response = await fetch(`/resources/feed?${query}`, { headers: { Accept: 'application/json' } })
  if (response.status === 409) throw new FeedMovedOn()
  if (!response.ok || !response.headers.get('Content-Type')?.includes('application/json')) {
    throw new Error(`The next page could not be loaded (${response.status}).`)
  }
  return (await response.json()) as FeedResponse
}

export default function FeedPage() {
  // One client per visit to the page: nothing here is shared with other pages yet.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }))
  return (
    <QueryClientProvider client={queryClient}>
      <Feed />
    </QueryClientProvider>
  )
}

function Feed() {
  const { page, filter, notice, loadedAt } = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  const navigation = useNavigation()
  const refreshing = revalidator.state === 'loading' || (navigation.state === 'loading' && navigation.location.pathname === '/feed')
  const refresh = () => revalidator.revalidate()

  const query = useInfiniteQuery<FeedResponse, Error, InfiniteData<FeedResponse, string | null>, unknown[], string | null>({
    // The server's page 1 seeds the list; a new page 1 (refresh, filter) is a new list.
    queryKey: ['feed', filter.kind ?? null, filter.type ?? null, loadedAt],
    queryFn: ({ pageParam }) => fetchNextPage(pageParam!, filter),
    initialPageParam: null,
    initialData: { pages: [page], pageParams: [null] },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Infinity,
  })

  // A moved-on feed reloads page 1 once, when the error appears: `revalidator` changes identity
  // with every state change, so it is read through a ref rather than listed as a dependency.
  const movedOn = query.error instanceof FeedMovedOn
  const revalidatorRef = useRef(revalidator)
  useEffect(() => {
    revalidatorRef.current = revalidator
  })
  useEffect(() => {
    if (movedOn) revalidatorRef.current.revalidate()
  }, [movedOn])

  const items = query.data.pages.flatMap((p) => p.items)
  const { pull, armed } = usePullToRefresh(refresh)
  const sentinel = useInfiniteScroll(() => {
    if (query.hasNextPage && !query.isFetchingNextPage && !query.isError) void query.fetchNextPage()
  })

  const loadedCount = items.length
  const filtered = Boolean(filter.kind || filter.type)

  return (
    <div className="flex flex-col gap-5">
      {pull > 0 ? (
        <p aria-hidden="true" className="text-center text-sm text-ink-muted" style={{ height: pull / 2 }}>
          {armed ? 'Release to refresh' : 'Pull to refresh'}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Your feed</h1>
        <Button variant="secondary" onClick={refresh} pending={refreshing} pendingLabel="Refreshing…">
          Refresh
        </Button>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {/* Neutral on purpose: why asks are paused is the program's assessment, never shown here. */}
      {page.asksPaused ? (
        <Alert>
          We’re not sending you any asks at the moment, so your feed is all things to read and join. There’s nothing you need to do.
        </Alert>
      ) : null}
      <FilterChips filter={filter} />

      {refreshing ? (
        <div className="flex flex-col gap-4" role="status" aria-label="Loading your feed">
          <FeedCardSkeleton />
          <FeedCardSkeleton />
          <FeedCardSkeleton />
        </div>
      ) : items.length === 0 ? (
        <Card className="flex flex-col items-start gap-3">
          <h2 className="text-lg font-semibold">{filtered ? 'Nothing here with this filter' : 'You’re all caught up'}</h2>
          <p className="text-ink-muted">
            {filtered
              ? 'Try another filter, or see everything in your feed.'
              : 'There’s nothing new for you right now. New opportunities and content appear here as the program adds them.'}
          </p>
          {filtered ? (
            <Link to="/feed" className={buttonClass('secondary')}>
              Show everything
            </Link>
          ) : null}
        </Card>
      ) : (
        <ul aria-label="Feed items" className="flex flex-col gap-4">
          {items.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              <FeedCard item={item} />
            </li>
          ))}
        </ul>
      )}

      {!refreshing && query.isFetchingNextPage ? (
        <div className="flex flex-col gap-4" aria-hidden="true">
          <FeedCardSkeleton />
          <FeedCardSkeleton />
        </div>
      ) : null}
      {!refreshing && query.isError && !movedOn ? (
        <Alert tone="error">
          <span className="flex flex-wrap items-center justify-between gap-2">
            We couldn’t load more of your feed.
            <Button variant="secondary" onClick={() => void query.fetchNextPage()}>
              Try again
            </Button>
          </span>
        </Alert>
      ) : null}
      {!refreshing && query.hasNextPage && !query.isFetchingNextPage && !query.isError ? (
        // The observer loads pages as the list scrolls; the button is there for keyboards and when it can't.
        <div ref={sentinel} className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()}>
            Show more
          </Button>
        </div>
      ) : null}
      {!refreshing && !query.hasNextPage && items.length > 0 ? (
        <p className="text-center text-sm text-ink-muted">That’s everything for now.</p>
      ) : null}
      <p className="sr-only" role="status">
        {query.isFetchingNextPage ? 'Loading more items…' : `${loadedCount} items shown.`}
      </p>
    </div>
  )
}

/** Calls `onVisible` when the returned element scrolls near the viewport. */
function useInfiniteScroll(onVisible: () => void) {
  const callback = useRef(onVisible)
  callback.current = onVisible
  const [element, setElement] = useState<HTMLElement | null>(null)
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && callback.current(), {
      rootMargin: '400px 0px',
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return setElement
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
