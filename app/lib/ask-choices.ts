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
export type DeclineReason = (typeof DECLINE_REASONS)[number]

/** The database allows snoozes up to 90 days ahead (interactions_snooze_check). */
export const SNOOZE_MAX_DAYS = 89

const DAY_MS = 24 * 60 * 60 * 1000
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10)

/** The dates a snooze may end on (UTC calendar days): tomorrow to SNOOZE_MAX_DAYS ahead, and a default a week out. */
export function snoozeBounds(now: Date): { min: string; max: string; suggested: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return { min: isoDate(today + DAY_MS), max: isoDate(today + SNOOZE_MAX_DAYS * DAY_MS), suggested: isoDate(today + 7 * DAY_MS) }
}
