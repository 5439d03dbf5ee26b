import type { SessionUser } from '~/lib/auth.server.ts'
import type { ShellUser } from '~/components/app-shell.tsx'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'

/**
 * The signed-in person as the shell shows them. The profile row is created by a trigger on
 * sign-up; if it is somehow missing, fall back to the e-mail rather than failing the page.
 */
export async function getShellUser(supabase: AppSupabaseClient, user: SessionUser): Promise<ShellUser> {
  const { data: profile, error } = await supabase
    .from('profiles')
    .select('display_name, avatar_url')
    .eq('id', user.id)
    .maybeSingle()
  if (error) throw error
  const emailName = user.email?.split('@')[0] ?? 'there'
  return {
    displayName: profile?.display_name?.trim() || emailName,
    avatarUrl: profile?.avatar_url ?? null,
  }
}
