import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import { firstUnansweredStep } from '~/lib/survey.ts'
import { answeredSteps, getActiveSurvey, getLatestResult, getResponses } from '~/lib/survey.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const [survey, latest] = await Promise.all([getActiveSurvey(supabase), getLatestResult(supabase, user.id, context)])
  const responses = await getResponses(supabase, user.id, survey.versionId)
  const total = survey.questions.length
  const answered = answeredSteps(survey, responses)
  return data(
    {
      total,
      answeredCount: answered.length,
      // All answered but not yet submitted: the last question has the "See my result" button.
      resumeStep: firstUnansweredStep(answered, total) ?? total,
      hasResult: latest !== null,
    },
    { headers },
  )
}

export default function Welcome() {
  const { total, answeredCount, resumeStep, hasResult } = useLoaderData<typeof loader>()
  const resuming = answeredCount > 0
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">{hasResult ? 'Retake the welcome survey' : 'Welcome! Let’s get to know you'}</h1>
        <p className="text-lg text-ink-muted">
          {total} quick questions, about a minute. There are no right or wrong answers: pick what sounds most like you.
        </p>
      </div>
      <Card>
        <h2 className="text-lg font-semibold">What your answers change</h2>
        <ul className="mt-3 flex list-disc flex-col gap-2 pl-5">
          <li>The opportunities you see first: teaching others, giving honest feedback, speaking, or shaping the product.</li>
          <li>How we say thank you, in a way that actually means something to you.</li>
          <li>Nothing is shared publicly. You can see your result, change it, or retake the survey any time from your profile.</li>
        </ul>
      </Card>
      {resuming ? (
        <p role="status" className="text-ink-muted">
          You’ve answered {answeredCount} of {total}. We saved your answers, so you can pick up where you left off.
        </p>
      ) : null}
      <div className="flex flex-col gap-3 sm:flex-row">
        <Link to={`/welcome/survey/${resumeStep}`} className={buttonClass('primary', 'w-full sm:w-auto')}>
          {resuming ? `Continue with question ${resumeStep}` : 'Start the survey'}
        </Link>
        {hasResult ? (
          <Link to="/profile" className={buttonClass('secondary', 'w-full sm:w-auto')}>
            Back to my profile
          </Link>
        ) : null}
      </div>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Welcome survey · Advocate portal' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
