import type { LoaderFunctionArgs } from '@remix-run/node'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/lib/auth.server.ts'

/** Any unknown path inside the app: a 404 shown within the shell, with its navigation. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context)
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
