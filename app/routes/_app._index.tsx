import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useRouteLoaderData } from '@remix-run/react'
import { Card } from '~/components/ui/card.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import type { loader as appLoader } from './_app.tsx'

export const meta: MetaFunction = () => [{ title: 'Home · Advocate portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Every loader guards itself: layout loaders run in parallel and do not protect their children.
  const { headers } = await requireUser(request, context)
  return data(null, { headers })
}

export default function Home() {
  const shell = useRouteLoaderData<typeof appLoader>('routes/_app')
  const firstName = shell?.user.displayName.split(' ')[0] ?? 'there'
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Welcome back, {firstName}</h1>
      <Card>
        <h2 className="text-lg font-semibold">Your advocacy home</h2>
        <p className="mt-2 text-ink-muted">
          This is where your opportunities, recognition and rewards will appear. Thank you for being part of the program.
        </p>
      </Card>
    </div>
  )
}
