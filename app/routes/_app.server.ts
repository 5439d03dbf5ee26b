import type { SessionUser } from '~/lib/auth.server.ts'
import type { ShellUser } from '~/components/app-shell.tsx'
import { DEFAULT_TIME_ZONE } from '~/lib/dates.ts'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'

/**
 * The signed-in person as the shell shows them. The profile row is created by a trigger on
 * sign-up; if it is somehow missing, fall back to the e-mail rather than failing the page.
 * With the stored time zone, which the shell compares with the browser's (ADR 013).
 */
export async function getShellUser(supabase: AppSupabaseClient, user: SessionUser): Promise<ShellUser & { timeZone: string }> {
  const { data: profile, error } = await supabase
    .from('profiles')
    .select('display_name, avatar_url, time_zone')
    .eq('id', user.id)
    .maybeSingle()
  if (error) throw error
  const emailName = user.email?.split('@')[0] ?? 'there'
  return {
    displayName: profile?.display_name?.trim() || emailName,
    avatarUrl: profile?.avatar_url ?? null,
    timeZone: profile?.time_zone ?? DEFAULT_TIME_ZONE,
  }
}
