import { Link } from '@remix-run/react'
import { CONTENT_KIND_LABELS, OPPORTUNITY_TYPE_LABELS } from '~/lib/feed-labels.ts'

export interface FeedFilterValue {
  kind?: 'ask' | 'content'
  type?: string
}

const KIND_CHIPS = [
  { label: 'Everything', kind: undefined },
  { label: 'Asks', kind: 'ask' },
  { label: 'For you', kind: 'content' },
] as const

function hrefFor(filter: FeedFilterValue): string {
  const query = new URLSearchParams()
  if (filter.kind) query.set('kind', filter.kind)
  if (filter.type) query.set('type', filter.type)
  const search = query.toString()
  return search ? `/feed?${search}` : '/feed'
}

const chipClass = (active: boolean) =>
  `inline-flex min-h-11 shrink-0 items-center rounded-full border px-4 text-sm font-semibold no-underline ${
    active ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink hover:bg-sunken'
  }`

/**
 * Filters are plain links (they work before JavaScript loads and can be shared); the row scrolls
 * sideways on phones rather than wrapping into a wall of chips.
 */
export function FilterChips({ filter }: { filter: FeedFilterValue }) {
  const types = filter.kind === 'ask' ? OPPORTUNITY_TYPE_LABELS : filter.kind === 'content' ? CONTENT_KIND_LABELS : null
  return (
    <nav aria-label="Filter the feed" className="flex flex-col gap-2">
      <ul className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1">
        {KIND_CHIPS.map((chip) => {
          const active = filter.kind === chip.kind
          return (
            <li key={chip.label}>
              <Link to={hrefFor({ kind: chip.kind })} aria-current={active ? 'true' : undefined} className={chipClass(active)}>
                {chip.label}
              </Link>
            </li>
          )
        })}
      </ul>
      {types ? (
        <ul aria-label="Type" className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1">
          <li>
            <Link to={hrefFor({ kind: filter.kind })} aria-current={!filter.type ? 'true' : undefined} className={chipClass(!filter.type)}>
              All types
            </Link>
          </li>
          {Object.entries(types).map(([type, label]) => {
            const active = filter.type === type
            return (
              <li key={type}>
                <Link to={hrefFor({ kind: filter.kind, type })} aria-current={active ? 'true' : undefined} className={chipClass(active)}>
                  {label}
                </Link>
              </li>
            )
          })}
        </ul>
      ) : null}
    </nav>
  )
}
