/**
 * POST /resources/time-zone (`timeZone=Australia/Sydney`): stores the zone the signed-in person's
 * browser reports on their profile (ADR 013), so every date they see and every snooze day is
 * theirs. The app shell sends it once when the browser's zone differs from the stored one. Same-
 * origin only (server/same-origin.mjs); RLS and the column grant limit the write to their own
 * row, and the database checks the name too (private.is_time_zone).
 */
import { data, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/lib/auth.server.ts'
import { TimeZoneSchema } from '~/lib/validation/time-zone.ts'

const BodySchema = z.object({ timeZone: TimeZoneSchema })

const METHOD_NOT_ALLOWED = { error: 'method_not_allowed', message: 'POST timeZone to store your time zone.' }

export async function loader() {
  return data(METHOD_NOT_ALLOWED, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return data(METHOD_NOT_ALLOWED, { status: 405, headers: { Allow: 'POST' } })
  const { user, supabase, headers } = await requireUser(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const parsed = BodySchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) {
    return data(
      { error: 'invalid_time_zone', message: parsed.error.issues[0]?.message ?? 'Send your time zone.' },
      { status: 400, headers },
    )
  }
  const { timeZone } = parsed.data
  const { error } = await supabase.from('profiles').update({ time_zone: timeZone }).eq('id', user.id)
  // 23514: a zone this browser knows but the database's tz data does not (a very new zone).
  if (error?.code === '23514') {
    return data(
      { error: 'invalid_time_zone', message: 'That time zone isn’t one we can store yet; dates stay in your previous zone.' },
      { status: 400, headers },
    )
  }
  if (error) throw error
  return data({ timeZone }, { headers })
}
