import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { buttonClass } from '~/components/ui/button.tsx'
import { Card } from '~/components/ui/card.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import { requireOnboarded } from '~/lib/survey.server.ts'
import type { loader as appLoader } from './_app.tsx'

export const meta: MetaFunction = () => [{ title: 'Home · Advocate portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Every loader guards itself: layout loaders run in parallel and do not protect their children.
  const auth = await requireUser(request, context)
  // Checked here as well as in the layout: a client-side visit to the home does not rerun the layout's loader.
  const latest = await requireOnboarded(auth, request, context)
  return data({ personality: latest?.label ?? null }, { headers: auth.headers })
}

export default function Home() {
  const { personality } = useLoaderData<typeof loader>()
  const shell = useRouteLoaderData<typeof appLoader>('routes/_app')
  const firstName = shell?.user.displayName.split(' ')[0] ?? 'there'
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Welcome back, {firstName}</h1>
      {personality ? (
        <Card className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
          <p>
            Your advocate personality: <strong>{personality}</strong>
          </p>
          <Link to="/profile" className="inline-flex min-h-11 items-center font-semibold">
            See your profile
          </Link>
        </Card>
      ) : null}
      <Card className="flex flex-col items-start gap-3">
        <h2 className="text-lg font-semibold">Your feed</h2>
        <p className="text-ink-muted">
          Content picked for you and a few ways to help, never too many at once. Thank you for being part of the program.
        </p>
        <Link to="/feed" className={buttonClass('primary')}>
          Open your feed
        </Link>
      </Card>
    </div>
  )
}
