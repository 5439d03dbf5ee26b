/**
 * Every date the portal shows, in the viewer's own time zone (ADR 013). Loaders format on the
 * server with the zone stored on the profile and send the text, so the server's HTML and the
 * browser's hydration show the same words whatever zone either machine runs in. The calendar
 * arithmetic lives with the feed engine (`_shared/matching/time.ts`), which needs the same days.
 */
import { calendarDate, startOfZonedDay } from '../../supabase/functions/_shared/matching/time.ts'

export const DEFAULT_TIME_ZONE = 'UTC'

/** The zone's canonical IANA name if this runtime's Intl knows it ('australia/sydney' → 'Australia/Sydney'), else null. */
export function canonicalTimeZone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** The zone this browser runs in, or null where Intl cannot say (then the stored zone stands). */
export function browserTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    return zone ? canonicalTimeZone(zone) : null
  } catch {
    return null
  }
}

const STYLES = {
  /** "Dec 3, 2026": lists. */
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  /** "December 3, 2026": a page's own date. */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** "Dec 3, 09:30 AM GMT+11": when the hour matters (an admin's queue); the zone is named. */
  dateTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>
export type DateStyle = keyof typeof STYLES

// A stored zone the runtime no longer knows would make Intl throw; the page falls back to UTC instead.
const formats = new Map<string, Intl.DateTimeFormat>()
function formatFor(style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  const zone = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE
  const key = `${style}|${zone}`
  let format = formats.get(key)
  if (!format) {
    // One fixed locale, so the words do not depend on the server's or the browser's settings.
    format = new Intl.DateTimeFormat('en', { ...STYLES[style], timeZone: zone })
    formats.set(key, format)
  }
  return format
}

/** An instant (ISO string or Date) as text in the viewer's zone. */
export function formatDate(value: string | Date, timeZone: string, style: DateStyle = 'short'): string {
  return formatFor(style, timeZone).format(typeof value === 'string' ? new Date(value) : value)
}

/** Today's date (YYYY-MM-DD) in the viewer's zone: what a date input's min and default are measured from. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return calendarDate(now.getTime(), canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE)
}

/** The instant (ISO) a calendar date begins in the viewer's zone: a snooze "until the 10th" ends there. */
export function startOfDayIso(date: string, timeZone: string): string {
  return new Date(startOfZonedDay(date, canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE)).toISOString()
}
