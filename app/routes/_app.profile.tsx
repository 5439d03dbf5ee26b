import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react'
import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { fieldProps, FormErrorAlert } from '~/components/auth-form.tsx'
import { Avatar } from '~/components/avatar.tsx'
import { ChoiceCard, ChoiceGroup } from '~/components/choice-card.tsx'
import { GoalsField, RecognitionField } from '~/components/preference-fields.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ScoreChart } from '~/components/score-chart.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { Field } from '~/components/ui/field.tsx'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { action, loader } from './_app.profile.server.ts'

export { action, loader }

export default function ProfilePage() {
  const { result, predicted, profile, constraint } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'profile',
    constraint,
    lastResult,
    defaultValue: profile,
    shouldValidate: 'onSubmit',
    // Validation is the server's (no Zod in the browser): check on submit only, not per keystroke.
    shouldRevalidate: 'onSubmit',
  })
  const work = { hint: 'Optional.' }
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center gap-4">
        <Avatar name={profile.displayName} imageUrl={profile.avatarUrl} size="lg" />
        <div>
          <h1 className="text-2xl font-bold">Your profile</h1>
          <p className="text-ink-muted">{profile.displayName}</p>
        </div>
      </div>

      <Card className="flex flex-col gap-4">
        <h2 className="text-lg font-semibold">Your advocate personality</h2>
        {result ? (
          <>
            <div>
              <p className="text-xl font-bold">{result.label}</p>
              <p className="mt-1 text-ink-muted">{result.summary[0]}</p>
            </div>
            <ScoreChart scores={result.scores} caption="Your scores from the welcome survey" />
            <div className="flex flex-col gap-1">
              <Link to="/welcome/survey/1" className={buttonClass('secondary', 'self-start')}>
                Retake the survey
              </Link>
              <p className="text-sm text-ink-muted">Your new answers become your personality; earlier results are kept.</p>
            </div>
          </>
        ) : (
          <>
            <p>You haven’t taken the welcome survey yet. Five quick questions tell us which opportunities and thank-yous suit you.</p>
            <Link to="/welcome" className={buttonClass('primary', 'self-start')}>
              Take the survey
            </Link>
          </>
        )}
      </Card>

      <Form method="post" className="flex flex-col gap-6" {...getFormProps(form)}>
        {actionData?.saved ? <Alert tone="success">Your profile is saved.</Alert> : null}
        <Card className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">About you</h2>
          <Field
            label="Display name"
            autoComplete="nickname"
            hint="Shown to other advocates."
            errors={fields.displayName.errors}
            {...fieldProps(fields.displayName, 'text')}
          />
          <Field
            label="Company"
            autoComplete="organization"
            {...work}
            errors={fields.company.errors}
            {...fieldProps(fields.company, 'text')}
          />
          <Field
            label="Job title"
            autoComplete="organization-title"
            {...work}
            errors={fields.jobTitle.errors}
            {...fieldProps(fields.jobTitle, 'text')}
          />
          <Field label="Industry" {...work} errors={fields.industry.errors} {...fieldProps(fields.industry, 'text')} />
          <Field
            label="Time zone"
            hint="Dates and reminders follow it. We set it from your browser; use a name such as Australia/Sydney."
            autoComplete="off"
            spellCheck={false}
            errors={fields.timeZone.errors}
            {...fieldProps(fields.timeZone, 'text')}
          />
        </Card>

        <Card className="flex flex-col gap-6">
          <RecognitionField field={fields.recognitionPreference} predicted={predicted} />
          <GoalsField field={fields.goals} hint="Pick as many as you like, or none." />
        </Card>

        <Card className="flex flex-col gap-4">
          <ChoiceGroup
            id="wall-consent"
            legend="The recognition wall"
            hint="The wall thanks advocates in public for what they’ve done. Nothing about you appears there unless you turn it on here, and you can turn it off any time."
          >
            <Consent field={fields.showOnWall} label="Show me on the recognition wall" />
            <p className="text-sm text-ink-muted">When you’re on the wall, also show:</p>
            <Consent field={fields.wallShowName} label="My name" />
            <Consent field={fields.wallShowCompany} label="My company" />
            <Consent field={fields.wallShowPhoto} label="My photo" />
          </ChoiceGroup>
        </Card>

        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" pending={isPending} pendingLabel="Saving…" className="w-full sm:w-auto sm:self-start">
          Save changes
        </Button>
      </Form>

      <Card className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Password</h2>
        <p className="text-ink-muted">To change it, we’ll e-mail you a code first, so nobody else using this device can.</p>
        <Link to="/reset-password" className={buttonClass('secondary', 'self-start')}>
          Change password
        </Link>
      </Card>
    </div>
  )
}

function Consent({ field, label }: { field: FieldMetadata<boolean | undefined>; label: string }) {
  const { key: _key, ...props } = getInputProps(field, { type: 'checkbox', ariaAttributes: false })
  return <ChoiceCard {...props} type="checkbox" required={false} label={label} />
}

export const meta: MetaFunction = () => [{ title: 'Your profile · Advocate portal' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
