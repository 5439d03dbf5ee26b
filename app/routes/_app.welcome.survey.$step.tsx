import type { MetaFunction } from '@remix-run/react'
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ChoiceCard } from '~/components/choice-card.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button, buttonClass } from '~/components/ui/button.tsx'
import { CHOOSE_AN_ANSWER } from '~/lib/survey.ts'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { action, loader } from './_app.welcome.survey.$step.server.ts'

export { action, loader }

export default function SurveyStep() {
  const { step, total, question, selectedOptionId } = useLoaderData<typeof loader>()
  // `key` gives every question a fresh form: its own choice, errors and focus.
  return <StepForm key={question.id} step={step} total={total} question={question} selectedOptionId={selectedOptionId} />
}

type StepData = ReturnType<typeof useLoaderData<typeof loader>>

/**
 * One question. The choice is saved the moment it is made (a fetcher), so Next only moves on.
 * The one rule (pick an answer) is checked here before submitting and again by the action, which
 * is what runs without JavaScript.
 */
function StepForm({ step, total, question, selectedOptionId }: StepData) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const save = useFetcher<typeof action>({ key: `survey-save-${question.id}` })
  const isLast = step === total
  const intent = isLast ? 'finish' : 'next'
  const isPending = useIsPending({ intent })
  // Next waits for an instant save in flight: React Router commits a navigation that redirects
  // while a fetcher's revalidation is pending with that revalidation's (previous step's) data.
  // A press during the save is queued, not lost (a disabled button would swallow the click of
  // someone who picks an answer and presses Next at once), and sent as soon as the save settles.
  const saving = save.state !== 'idle'
  const submit = useSubmit()
  const formRef = useRef<HTMLFormElement>(null)
  const [queued, setQueued] = useState(false)
  useEffect(() => {
    if (!queued || saving || !formRef.current) return
    setQueued(false)
    const formData = new FormData(formRef.current)
    formData.set('intent', intent)
    submit(formData, { method: 'post' })
  }, [queued, saving, intent, submit])
  const [clientError, setClientError] = useState<string | null>(null)
  const serverResult = navigation.state === 'idle' ? actionData : undefined
  const error = clientError ?? serverResult?.fieldError ?? null
  const errorId = `survey-step-${step}-error`
  const formError = serverResult?.formError ?? null
  const formErrorRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // A refusal from the server has no field to focus: the message takes focus and is read out.
    const alert = formErrorRef.current?.querySelector<HTMLElement>('[role="alert"]')
    if (!formError || !alert) return
    alert.tabIndex = -1
    alert.focus()
  }, [actionData, formError])

  const saveStatus = saving
    ? 'Saving your answer…'
    : save.data?.saved
      ? 'Answer saved. You can leave and pick up here later.'
      : save.data
        ? 'We couldn’t save that answer. Try choosing it again, or press Next.'
        : ''

  function requireAnswer(event: FormEvent<HTMLFormElement>) {
    const radios = event.currentTarget.querySelectorAll<HTMLInputElement>('input[name="optionId"]')
    if ([...radios].some((radio) => radio.checked)) {
      if (saving) {
        event.preventDefault()
        setQueued(true)
      }
      return
    }
    event.preventDefault()
    setClientError(CHOOSE_AN_ANSWER)
    radios[0]?.focus()
  }

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p id="survey-progress" className="text-sm font-semibold text-ink-muted">
          Question {step} of {total}
        </p>
        <progress
          aria-labelledby="survey-progress"
          value={step}
          max={total}
          className="h-2 w-full overflow-hidden rounded-full bg-sunken [&::-moz-progress-bar]:bg-accent [&::-webkit-progress-bar]:bg-sunken [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-accent"
        />
      </div>

      <Form ref={formRef} method="post" className="flex flex-col gap-6" noValidate onSubmit={requireAnswer}>
        <fieldset className="flex flex-col gap-3" aria-describedby={error ? errorId : undefined} disabled={isPending}>
          <legend className="mb-4">
            <h1 className="text-2xl font-bold">{question.prompt}</h1>
          </legend>
          {question.options.map((option) => (
            <ChoiceCard
              key={option.id}
              type="radio"
              name="optionId"
              value={option.id}
              defaultChecked={selectedOptionId === option.id}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              label={option.label}
              onChange={(event) => {
                setClientError(null)
                save.submit({ intent: 'save', optionId: event.currentTarget.value }, { method: 'post' })
              }}
            />
          ))}
        </fieldset>
        {error ? (
          <p id={errorId} role="alert" className="-mt-3 text-sm font-medium text-danger">
            {error}
          </p>
        ) : null}
        <p role="status" className="-mt-3 min-h-6 text-sm text-ink-muted">
          {saveStatus}
        </p>

        {formError ? (
          <div ref={formErrorRef} className="flex flex-col gap-2">
            <Alert tone="error">{formError}</Alert>
            {serverResult?.openStep ? (
              <Link to={`/welcome/survey/${serverResult.openStep}`} className={buttonClass('ghost', 'self-start')}>
                Go to question {serverResult.openStep}
              </Link>
            ) : null}
          </div>
        ) : null}

        <div className="flex items-center justify-between gap-3">
          {/* A link, not a submit: Enter in the radio group must move forward. Choices are saved as they are made. */}
          <Link to={step > 1 ? `/welcome/survey/${step - 1}` : '/welcome'} className={buttonClass('secondary')}>
            Back
          </Link>
          <Button
            type="submit"
            name="intent"
            value={intent}
            pending={isPending || queued}
            pendingLabel={isLast ? 'Working out your result…' : 'Saving…'}
          >
            {isLast ? 'See my result' : 'Next'}
          </Button>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Question ${data.step} of ${data.total} · Welcome survey · Advocate portal` : 'Welcome survey · Advocate portal' },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
