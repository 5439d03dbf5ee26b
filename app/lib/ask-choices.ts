import { addCalendarDays } from '../../supabase/functions/_shared/matching/time.ts'
import { todayIn } from './dates.ts'

/**
 * The choices an advocate has about an ask they don't want now (ADR 006). Shared by the detail
 * page's form and its action. A decline reason is optional: saying no needs no justification.
 */
export const DECLINE_REASONS = [
  'Not relevant to me',
  'Too busy right now',
  'Not comfortable with this kind of ask',
  'Something else',
] as const

/** The database allows snoozes up to 90 days ahead (interactions_snooze_check). */
export const SNOOZE_MAX_DAYS = 89

/**
 * The dates a snooze may end on, as calendar days in the advocate's zone (ADR 013): tomorrow to
 * SNOOZE_MAX_DAYS ahead, and a default a week out. The snooze ends at the start of the chosen day
 * there (`startOfDayIso`), so "until the 10th" means the 10th where the advocate lives.
 */
export function snoozeBounds(now: Date, timeZone: string): { min: string; max: string; suggested: string } {
  const today = todayIn(timeZone, now)
  return { min: addCalendarDays(today, 1), max: addCalendarDays(today, SNOOZE_MAX_DAYS), suggested: addCalendarDays(today, 7) }
}
