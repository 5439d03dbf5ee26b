import { getFormProps, useForm } from '@conform-to/react'
import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { SubmissionField } from '~/components/submission-fields.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { OPPORTUNITY_TYPE_LABELS } from '~/lib/feed-labels.ts'
import { SUBMISSION_FORMS, type SubmissionFieldName } from '~/lib/submission-forms.ts'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { action, loader } from './_app.activity.$askId.server.ts'

export { action, loader }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.opportunity?.title ?? 'Complete your ask'} · Advocate portal` },
]

export default function CompleteAskPage() {
  const { ask, opportunity, latestSubmission, justAccepted, constraint } = useLoaderData<typeof loader>()
  const title = opportunity?.title ?? `${OPPORTUNITY_TYPE_LABELS[ask.type]} ask`
  const live = latestSubmission && latestSubmission.status !== 'rejected' ? latestSubmission : null
  return (
    <div className="flex flex-col gap-5">
      <Link to="/activity" className="inline-flex min-h-11 items-center self-start font-semibold">
        ← My activity
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-ink-muted">{OPPORTUNITY_TYPE_LABELS[ask.type]}</p>
        <h1 className="text-2xl font-bold">{title}</h1>
      </header>
      {justAccepted && !live ? <Alert tone="success">Thank you for accepting! Complete it whenever suits you.</Alert> : null}

      {ask.state === 'completed' || live ? (
        <Card className="flex flex-col items-start gap-3">
          <p className="font-medium">
            {ask.state === 'completed' || live?.status === 'approved'
              ? 'This one is done. Thank you!'
              : 'You’ve sent this one. We’ll review it soon.'}
          </p>
          <Link to="/activity" className={buttonClass('secondary')}>
            Back to my activity
          </Link>
        </Card>
      ) : ask.state !== 'accepted' ? (
        <Alert>This ask is no longer in progress.</Alert>
      ) : (
        <CompletionForm
          type={ask.type}
          constraint={constraint}
          actionUrl={opportunity?.actionUrl ?? null}
          disclosure={opportunity?.disclosure ?? null}
          reviewNote={latestSubmission?.status === 'rejected' ? latestSubmission.review_note : null}
        />
      )}
    </div>
  )
}

function CompletionForm({
  type,
  constraint,
  actionUrl,
  disclosure,
  reviewNote,
}: {
  type: keyof typeof SUBMISSION_FORMS
  constraint: ReturnType<typeof useLoaderData<typeof loader>>['constraint']
  actionUrl: string | null
  disclosure: string | null
  reviewNote: string | null
}) {
  const actionData = useActionData<typeof action>()
  const spec = SUBMISSION_FORMS[type]
  // The form's values as the browser sends them, keyed by the schemas' field names.
  const [form, fields] = useForm<Record<SubmissionFieldName, string | string[] | undefined>>({
    id: `complete-${type}`,
    constraint,
    lastResult: actionData?.result ?? undefined,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
  })
  const submitting = useIsPending({ intent: 'submit' })
  const withdrawing = useIsPending({ intent: 'withdraw' })
  const specs = spec.fields.filter((field) => !field.onlyWithDisclosure || disclosure !== null)
  return (
    <>
      <p>{spec.intro}</p>
      {reviewNote ? <Alert>Note from the team on your last version: {reviewNote}</Alert> : null}
      {actionUrl ? (
        <a href={actionUrl} target="_blank" rel="noopener noreferrer" className={buttonClass('secondary', 'self-start')}>
          Open the {type === 'review' ? 'review site' : 'link'}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      ) : null}
      {disclosure ? (
        <section aria-labelledby="disclosure-heading" className="rounded-[var(--radius-card)] border border-line bg-sunken p-4">
          <h2 id="disclosure-heading" className="font-semibold">
            Disclosure
          </h2>
          <p className="mt-1">{disclosure}</p>
          <p className="mt-1 text-sm text-ink-muted">
            Review sites ask you to mention this in your review. We keep a record that you saw it.
          </p>
        </section>
      ) : null}
      <FormErrorAlert id="complete-error" errors={actionData?.formError ? [actionData.formError] : form.errors} result={actionData} />
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-5">
        {specs.map((fieldSpec) => (
          <SubmissionField key={fieldSpec.name} spec={fieldSpec} field={fields[fieldSpec.name]} />
        ))}
        <Button name="intent" value="submit" pending={submitting} pendingLabel="Sending…" className="w-full sm:w-auto sm:self-start">
          {spec.submitLabel}
        </Button>
      </Form>
      <Form method="post" className="border-t border-line pt-4">
        <p className="mb-2 text-sm text-ink-muted">Changed your mind? That’s fine; withdrawing never counts against you.</p>
        <Button variant="ghost" name="intent" value="withdraw" pending={withdrawing} pendingLabel="Withdrawing…">
          Withdraw from this ask
        </Button>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
