import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { CONTENT_KIND_LABELS } from '~/lib/feed-labels.ts'
import { loader, type ActivityEntry, type ActivityStatus } from './_app.activity._index.server.ts'

export { loader }

export const meta: MetaFunction = () => [{ title: 'My activity · Advocate portal' }]

const STATUS_LABELS: Record<ActivityStatus, string> = {
  to_complete: 'To complete',
  not_approved: 'Needs another look',
  in_review: 'In review',
  done: 'Approved',
}

const SECTIONS: Array<{ title: string; statuses: ActivityStatus[]; empty: string }> = [
  { title: 'To complete', statuses: ['to_complete', 'not_approved'], empty: 'Nothing waiting for you.' },
  { title: 'In review', statuses: ['in_review'], empty: 'Nothing in review right now.' },
  { title: 'Done', statuses: ['done'], empty: 'Completed asks will appear here.' },
]

export default function ActivityPage() {
  const { entries, saved, totalPoints, notice } = useLoaderData<typeof loader>()
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">My activity</h1>
        <p className="text-lg">
          <strong>{totalPoints}</strong> points
        </p>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      {entries.length === 0 ? (
        <Card className="flex flex-col items-start gap-3">
          <h2 className="text-lg font-semibold">No asks yet</h2>
          <p className="text-ink-muted">When you accept an ask from your feed, you’ll follow it here from start to thank-you.</p>
          <Link to="/feed" className={buttonClass('secondary')}>
            Go to your feed
          </Link>
        </Card>
      ) : (
        SECTIONS.map((section) => {
          const sectionEntries = entries.filter((entry) => section.statuses.includes(entry.status))
          const headingId = `section-${section.statuses[0]}`
          return (
            <section key={section.title} aria-labelledby={headingId} className="flex flex-col gap-3">
              <h2 id={headingId} className="text-lg font-semibold">
                {section.title} <span className="text-ink-muted">({sectionEntries.length})</span>
              </h2>
              {sectionEntries.length === 0 ? (
                <p className="text-ink-muted">{section.empty}</p>
              ) : (
                <ul className="flex flex-col gap-3">
                  {sectionEntries.map((entry) => (
                    <li key={entry.askId}>
                      <ActivityCard entry={entry} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )
        })
      )}

      <section aria-labelledby="saved-heading" className="flex flex-col gap-3">
        <h2 id="saved-heading" className="text-lg font-semibold">
          Saved for later
        </h2>
        {saved.length === 0 ? (
          <p className="text-ink-muted">Content you save from your feed appears here.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {saved.map((item) => (
              <li key={item.id}>
                <Link to={`/content/${item.id}`} className="flex min-h-11 flex-col justify-center">
                  <span className="font-medium">{item.title}</span>
                  <span className="text-sm text-ink-muted">{CONTENT_KIND_LABELS[item.kind]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function ActivityCard({ entry }: { entry: ActivityEntry }) {
  const actionable = entry.status === 'to_complete' || entry.status === 'not_approved'
  return (
    <Card className="flex flex-col gap-2 py-4">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded-full bg-sunken px-2 py-0.5 font-semibold">{STATUS_LABELS[entry.status]}</span>
        <span className="text-ink-muted">
          {entry.typeLabel} · {entry.date}
        </span>
      </p>
      <h3 className="font-semibold">{entry.title}</h3>
      {entry.points !== null && entry.points > 0 ? <p className="text-sm font-medium text-success">+{entry.points} points</p> : null}
      {entry.reviewNote ? <p className="text-sm text-ink-muted">Note from the team: {entry.reviewNote}</p> : null}
      {actionable ? (
        <Link to={`/activity/${entry.askId}`} className={buttonClass('primary', 'self-start')}>
          {entry.status === 'not_approved' ? 'Update and resend' : 'Complete it'}
          <span className="sr-only">: {entry.title}</span>
        </Link>
      ) : null}
    </Card>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
