import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { TextareaField } from '~/components/ui/field.tsx'
import { OPPORTUNITY_TYPE_LABELS } from '~/lib/feed-labels.ts'
import { action, loader, type ReviewFieldName } from './_app.admin.submissions.server.ts'

/** A field name the schema has: renaming its key fails typecheck here instead of dropping input. */
const field = (name: ReviewFieldName) => name

export { action, loader }

export const meta: MetaFunction = () => [{ title: 'Review submissions · Advocate portal' }]

export default function ReviewSubmissionsPage() {
  const { submissions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pendingId = navigation.formData?.get(field('submissionId'))
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Review submissions</h1>
      {actionData?.error ? <Alert tone="error">{actionData.error}</Alert> : null}
      {actionData?.reviewed ? <Alert tone="success">Submission {actionData.reviewed.status}.</Alert> : null}
      {submissions.length === 0 ? (
        <Card>
          <p>Nothing waiting for review.</p>
        </Card>
      ) : (
        <ul className="flex flex-col gap-4">
          {submissions.map((submission) => (
            <li key={submission.id}>
              <Card className="flex flex-col gap-3">
                <h2 className="font-semibold">
                  {submission.advocate}: {submission.title ?? OPPORTUNITY_TYPE_LABELS[submission.type]}
                </h2>
                <p className="text-sm text-ink-muted">
                  {OPPORTUNITY_TYPE_LABELS[submission.type]} · sent {submission.sent} · {submission.points} points on approval
                </p>
                <dl className="grid gap-1 text-sm sm:grid-cols-[12rem_1fr]">
                  {submission.answers.map(([key, value]) => (
                    <div key={key} className="contents">
                      <dt className="font-semibold">{key}</dt>
                      <dd className="whitespace-pre-line break-words">{value}</dd>
                    </div>
                  ))}
                </dl>
                {submission.isOwn ? (
                  <p className="text-sm text-ink-muted">This is your own submission, so another admin reviews it.</p>
                ) : (
                  <Form method="post" className="flex flex-col gap-3">
                    <input type="hidden" name={field('submissionId')} value={submission.id} />
                    <TextareaField label="Note to the advocate (optional)" name={field('note')} rows={2} maxLength={2000} />
                    <div className="flex gap-3">
                      <Button name={field('decision')} value="approved" pending={pendingId === String(submission.id)}>
                        Approve
                      </Button>
                      <Button name={field('decision')} value="rejected" variant="secondary" disabled={pendingId === String(submission.id)}>
                        Reject
                      </Button>
                    </div>
                  </Form>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
