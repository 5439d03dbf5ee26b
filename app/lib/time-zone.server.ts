/**
 * The signed-in person's time zone (profiles.time_zone, ADR 013), for loaders and actions that
 * show dates or count days. RLS lets everyone read their own profile; a missing row (the trigger
 * creates one at sign-up) falls back to UTC rather than failing the page.
 */
import { DEFAULT_TIME_ZONE } from './dates.ts'
import type { AppSupabaseClient } from './supabase.server.ts'

export async function getTimeZone(supabase: AppSupabaseClient, profileId: string): Promise<string> {
  const { data, error } = await supabase.from('profiles').select('time_zone').eq('id', profileId).maybeSingle()
  if (error) throw error
  return data?.time_zone ?? DEFAULT_TIME_ZONE
}
