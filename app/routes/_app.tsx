import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { AppShell } from '~/components/app-shell.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import { navItemsFor } from '~/lib/navigation.ts'
import { getShellUser } from './_app.server.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, role, supabase, headers } = await requireUser(request, context)
  const shellUser = await getShellUser(supabase, user)
  return data({ user: shellUser, navItems: navItemsFor(role) }, { headers })
}

/** Signed-in pages are for one person only: never stored by a browser cache, proxy or the service worker. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export default function AppLayout() {
  const { user, navItems } = useLoaderData<typeof loader>()
  return (
    <AppShell user={user} navItems={navItems}>
      <Outlet />
    </AppShell>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
