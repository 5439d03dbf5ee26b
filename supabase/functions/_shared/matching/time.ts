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
