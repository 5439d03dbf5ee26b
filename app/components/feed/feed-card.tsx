import { Link } from '@remix-run/react'
import type { FeedResponseItem } from '../../../supabase/functions/_shared/feed-contract.ts'
import { durationLabel, EFFORT_LABELS, typeLabel } from '~/lib/feed-labels.ts'

export function itemHref(item: Pick<FeedResponseItem, 'kind' | 'id'>): string {
  return item.kind === 'ask' ? `/opportunities/${item.id}` : `/content/${item.id}`
}

/** One feed entry. Asks and gives look different at a glance: asks carry effort and points. */
export function FeedCard({ item }: { item: FeedResponseItem }) {
  const titleId = `feed-${item.kind}-${item.id}`
  const isAsk = item.kind === 'ask'
  return (
    <article
      aria-labelledby={titleId}
      className={`relative flex flex-col gap-2 rounded-[var(--radius-card)] border bg-raised p-4 shadow-sm focus-within:ring-2 focus-within:ring-accent ${isAsk ? 'border-accent' : 'border-line'}`}
    >
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className={`rounded-full px-2 py-0.5 font-semibold ${isAsk ? 'bg-accent text-accent-ink' : 'bg-sunken text-ink'}`}>
          {isAsk ? 'Ask' : 'For you'}
        </span>
        <span className="text-ink-muted">{typeLabel(item.kind, item.type)}</span>
      </p>
      <h2 id={titleId} className="text-lg font-semibold leading-snug">
        {/* The link covers the card (::after), so the whole card is one target and one tab stop. */}
        <Link to={itemHref(item)} className="text-ink no-underline after:absolute after:inset-0 after:content-[''] hover:underline">
          {item.title}
        </Link>
      </h2>
      <p className="text-ink-muted">{item.excerpt}</p>
      {item.kind === 'ask' ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
          <span>{EFFORT_LABELS[item.effort]}</span>
          {durationLabel(item.estimatedMinutes) ? <span>{durationLabel(item.estimatedMinutes)}</span> : null}
          {item.points > 0 ? <span>{item.points} points</span> : null}
        </p>
      ) : null}
      {item.reasons.length > 0 ? (
        <ul aria-label="Why you’re seeing this" className="flex flex-wrap gap-1.5">
          {item.reasons.map((reason) => (
            <li key={reason} className="rounded-full border border-line px-2 py-0.5 text-xs text-ink-muted">
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  )
}

/** Placeholder cards while a page loads: same outline, no content, hidden from screen readers. */
export function FeedCardSkeleton() {
  return (
    <div aria-hidden="true" className="flex animate-pulse flex-col gap-3 rounded-[var(--radius-card)] border border-line bg-raised p-4">
      <div className="h-4 w-24 rounded bg-sunken" />
      <div className="h-5 w-3/4 rounded bg-sunken" />
      <div className="h-4 w-full rounded bg-sunken" />
      <div className="h-4 w-2/3 rounded bg-sunken" />
    </div>
  )
}
