import { getFormProps, useForm } from '@conform-to/react'
import type { MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrorAlert } from '~/components/auth-form.tsx'
import { GoalsField, RecognitionField } from '~/components/preference-fields.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ScoreChart } from '~/components/score-chart.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { action, loader } from './_app.welcome.result.server.ts'

export { action, loader }

export default function SurveyResult() {
  const { result, predicted, recognitionPreference, goals, constraint } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'preferences',
    constraint,
    lastResult,
    defaultValue: { recognitionPreference, goals },
    shouldValidate: 'onSubmit',
    // Validation is the server's (no Zod in the browser): check on submit only, not per keystroke.
    shouldRevalidate: 'onSubmit',
  })
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-ink-muted">Your result</p>
        <h1 className="text-2xl font-bold">{result.headline}</h1>
        {result.summary.map((line) => (
          <p key={line} className="text-lg">
            {line}
          </p>
        ))}
      </div>

      <Card className="flex flex-col gap-4">
        <section aria-labelledby="opportunities-title">
          <h2 id="opportunities-title" className="text-lg font-semibold">
            Opportunities you’ll see first
          </h2>
          <ul className="mt-2 flex list-disc flex-col gap-1 pl-5">
            {result.opportunities.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="thanks-title">
          <h2 id="thanks-title" className="text-lg font-semibold">
            How we’ll thank you
          </h2>
          <p className="mt-2">{result.thanks}</p>
        </section>
        <ScoreChart scores={result.scores} caption="Your answers, by personality" />
      </Card>

      <Form method="post" className="flex flex-col gap-6" {...getFormProps(form)}>
        <RecognitionField
          field={fields.recognitionPreference}
          predicted={predicted}
          hint="We’ve picked what people like you usually prefer. Change it if it doesn’t sound like you."
        />
        <GoalsField field={fields.goals} hint="Pick as many as you like, or none. You can change these later on your profile." />

        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" pending={isPending} pendingLabel="Saving…" className="w-full sm:w-auto sm:self-start">
          Save and go to my home
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Your result · Welcome survey · Advocate portal' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
