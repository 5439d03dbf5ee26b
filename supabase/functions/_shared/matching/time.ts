export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/** Epoch ms of an ISO timestamp. Throws rather than return NaN: NaN compares false and would pass every gate. */
export function parseTime(iso: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new RangeError(`invalid timestamp: ${iso}`)
  return ms
}

/** Calendar months in UTC; a day past the month's end rolls over (Jan 31 + 1 month = Mar 2 or 3), as `Date` does. */
export function addMonthsUtc(ms: number, months: number): number {
  const date = new Date(ms)
  date.setUTCMonth(date.getUTCMonth() + months)
  return date.getTime()
}

/**
 * Calendar days in an advocate's IANA time zone (ADR 013). A "day" is the advocate's day, so a
 * snooze or a decline in Sydney ends at Sydney's midnight, not at UTC's. Plain `Intl`, which Node,
 * Deno and browsers all have, so the engine stays pure: the zone comes in as data.
 */
const partsFormats = new Map<string, Intl.DateTimeFormat>()
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone)
  if (!format) {
    // en-US with h23 gives plain numbers in a fixed order whatever the runtime's locale.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormats.set(timeZone, format)
  }
  return format
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields: Record<string, number> = {}
  for (const part of partsFormat(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! }
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Sydney in summer: +11 h). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone)
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000))
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function calendarDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone)
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
}

/** A calendar date `days` later (or earlier); zone-free, as dates are. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/**
 * The first instant of a calendar date in a zone: usually its local midnight. Where the clocks
 * jump forward at midnight (America/Santiago, September) the day starts at the jump, 01:00; where
 * midnight happens twice, the earlier one.
 */
export function startOfZonedDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(year, month - 1, day)
  const first = wall - zoneOffsetMs(wall, timeZone)
  const second = wall - zoneOffsetMs(first, timeZone)
  const onTheDay = [first, second].filter((ms) => calendarDate(ms, timeZone) === date)
  if (onTheDay.length === 0) throw new RangeError(`no start of ${date} in ${timeZone}`)
  return Math.min(...onTheDay)
}

/**
 * The earliest instant an event may have happened and still count as "within the last `days`
 * calendar days" at `now` in the zone: the start of the day `days - 1` before today. Something
 * declined on the 3rd for 30 days comes back at local midnight starting the 3rd + 30.
 */
export function calendarDaysCutoff(now: number, days: number, timeZone: string): number {
  return startOfZonedDay(addCalendarDays(calendarDate(now, timeZone), 1 - days), timeZone)
}
