/**
 * Signing out changes state, so it is a POST (a link or a prefetch can never sign anyone out).
 * The session is ended on the Auth server, then every auth cookie is expired.
 */
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { expireAuthCookies } from '../lib/auth-flow.server.ts'
import { createSupabaseServerClient } from '../lib/supabase.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request, context)
  // `local` ends this browser's session only; the person stays signed in on their other devices.
  // auth-js ignores an already-ended session and clears its cookies anyway.
  await supabase.auth.signOut({ scope: 'local' })
  expireAuthCookies(request, headers)
  headers.set('Cache-Control', 'private, no-store')
  return redirect('/login', { headers })
}
