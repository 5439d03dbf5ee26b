import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { AppShell } from '~/components/app-shell.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import { navItemsFor } from '~/lib/navigation.ts'
import { requireOnboarded } from '~/lib/survey.server.ts'
import { useSyncTimeZone } from '~/lib/use-sync-time-zone.ts'
import { getShellUser } from './_app.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context)
  const { user, role, supabase, headers } = auth
  // A new advocate is led into the welcome survey first (the home checks too, for client-side visits).
  const [{ timeZone, ...shellUser }] = await Promise.all([getShellUser(supabase, user), requireOnboarded(auth, request, context)])
  return data({ user: shellUser, navItems: navItemsFor(role), timeZone }, { headers })
}

/** Signed-in pages are for one person only: never stored by a browser cache, proxy or the service worker. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export default function AppLayout() {
  const { user, navItems, timeZone } = useLoaderData<typeof loader>()
  useSyncTimeZone(timeZone)
  return (
    <AppShell user={user} navItems={navItems}>
      <Outlet />
    </AppShell>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
