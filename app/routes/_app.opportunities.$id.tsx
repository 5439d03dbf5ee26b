import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ChoiceCard, ChoiceGroup } from '~/components/choice-card.tsx'
import { FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { Field } from '~/components/ui/field.tsx'
import { DECLINE_REASONS } from '~/lib/ask-choices.ts'
import { blockedMessage, durationLabel, EFFORT_LABELS, OPPORTUNITY_TYPE_LABELS } from '~/lib/feed-labels.ts'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { useRecordOpen } from '~/lib/use-record-open.ts'
import { action, loader, type ChoiceFieldName } from './_app.opportunities.$id.server.ts'

/** A field name the schema has: renaming its key fails typecheck here instead of dropping input. */
const field = (name: Exclude<ChoiceFieldName, 'intent'>) => name

export { action, loader }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.opportunity.title} · Advocate portal` : 'Ask · Advocate portal' },
]

export default function OpportunityPage() {
  const { opportunity, reasons, offerable, blockedBy, hiddenBecause, ask, thanks, snooze } = useLoaderData<typeof loader>()
  useRecordOpen('ask', opportunity.id)
  const actionData = useActionData<typeof action>()
  const errors = actionData?.result.error ?? {}
  const accepting = useIsPending({ intent: 'accept' })
  const declining = useIsPending({ intent: 'decline' })
  const snoozing = useIsPending({ intent: 'snooze' })
  const duration = durationLabel(opportunity.estimatedMinutes)

  return (
    <div className="flex flex-col gap-5">
      <Link to="/feed" className="inline-flex min-h-11 items-center self-start font-semibold">
        ← Back to your feed
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-ink-muted">Ask · {OPPORTUNITY_TYPE_LABELS[opportunity.type]}</p>
        <h1 className="text-2xl font-bold">{opportunity.title}</h1>
      </header>

      <p className="whitespace-pre-line">{opportunity.body}</p>

      <dl className="grid gap-3 sm:grid-cols-2">
        <Card className="py-3">
          <dt className="text-sm font-semibold text-ink-muted">What it takes</dt>
          <dd className="mt-1 font-medium">
            {EFFORT_LABELS[opportunity.effort]}
            {duration ? ` · ${duration}` : ''}
          </dd>
        </Card>
        <Card className="py-3">
          <dt className="text-sm font-semibold text-ink-muted">What you get</dt>
          <dd className="mt-1 font-medium">
            {opportunity.points > 0 ? `${opportunity.points} points` : 'Our thanks'}
            {thanks ? (
              <span className="block text-sm font-normal text-ink-muted">And a thank-you your way: {thanks.toLowerCase()}</span>
            ) : null}
          </dd>
        </Card>
      </dl>

      {reasons.length > 0 ? (
        <section aria-labelledby="why-heading" className="flex flex-col gap-2">
          <h2 id="why-heading" className="text-lg font-semibold">
            Why you’re seeing this
          </h2>
          <ul className="flex flex-wrap gap-2">
            {reasons.map((reason) => (
              <li key={reason} className="rounded-full border border-line px-3 py-1 text-sm">
                {reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {opportunity.endsAt ? <p className="text-sm text-ink-muted">Open until {opportunity.endsAt}.</p> : null}

      <FormErrorAlert id="choice-error" errors={actionData?.formError ? [actionData.formError] : undefined} result={actionData} />

      {ask ? (
        <Card className="flex flex-col items-start gap-3">
          <p className="font-medium">{ask.state === 'completed' ? 'You’ve completed this ask. Thank you!' : 'You’ve accepted this ask.'}</p>
          <Link to={ask.state === 'completed' ? '/activity' : `/activity/${ask.id}`} className={buttonClass('primary')}>
            {ask.state === 'completed' ? 'See my activity' : 'Complete it'}
          </Link>
        </Card>
      ) : offerable || blockedBy.length === 0 ? (
        <section aria-labelledby="choose-heading" className="flex flex-col gap-4">
          <h2 id="choose-heading" className="sr-only">
            Your choice
          </h2>
          {hiddenBecause.includes('declined_recently') ? (
            <Alert>You said no to this recently. You can still take it if you’ve changed your mind.</Alert>
          ) : null}
          <Form method="post">
            <Button name="intent" value="accept" pending={accepting} pendingLabel="Accepting…" className="w-full sm:w-auto">
              Accept this ask
            </Button>
          </Form>

          <details className="rounded-[var(--radius-card)] border border-line bg-raised p-4" open={Boolean(errors[field('until')])}>
            <summary className="min-h-11 cursor-pointer content-center font-semibold">Remind me later</summary>
            <Form method="post" className="mt-3 flex flex-col gap-3">
              <Field
                label="Show it to me again on"
                type="date"
                name={field('until')}
                min={snooze.min}
                max={snooze.max}
                defaultValue={snooze.suggested}
                required
                errors={errors[field('until')] ?? undefined}
              />
              <Button variant="secondary" name="intent" value="snooze" pending={snoozing} pendingLabel="Snoozing…" className="self-start">
                Snooze
              </Button>
            </Form>
          </details>

          <details className="rounded-[var(--radius-card)] border border-line bg-raised p-4" open={Boolean(errors[field('reason')])}>
            <summary className="min-h-11 cursor-pointer content-center font-semibold">Not for me</summary>
            <Form method="post" className="mt-3 flex flex-col gap-3">
              <ChoiceGroup id="decline-reason" legend="Want to tell us why? (optional)" error={errors[field('reason')]?.[0]}>
                {DECLINE_REASONS.map((reason) => (
                  <ChoiceCard key={reason} type="radio" name={field('reason')} value={reason} label={reason} />
                ))}
              </ChoiceGroup>
              <p className="text-sm text-ink-muted">We won’t show it to you again for 30 days, and saying no never counts against you.</p>
              <Button
                variant="secondary"
                name="intent"
                value="decline"
                pending={declining}
                pendingLabel="Declining…"
                className="self-start"
              >
                Decline
              </Button>
            </Form>
          </details>
        </section>
      ) : (
        <Alert>{blockedMessage(blockedBy[0])}</Alert>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
