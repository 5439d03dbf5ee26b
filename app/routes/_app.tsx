import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { AppShell } from '~/components/app-shell.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/lib/auth.server.ts'
import { navItemsFor } from '~/lib/navigation.ts'
import { getShellUser } from './_app.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, role, supabase, headers } = await requireUser(request)
  const shellUser = await getShellUser(supabase, user)
  headers.set('Cache-Control', 'private, no-store')
  return data({ user: shellUser, navItems: navItemsFor(role) }, { headers })
}

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
