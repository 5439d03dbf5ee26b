/**
 * The one formatting module (ADR 013): a date reads as the viewer's day, not UTC's, and the snooze
 * choices are the viewer's tomorrow to 89 days ahead, ending at the start of their chosen day.
 */
import { describe, expect, test } from 'vitest'
import { snoozeBounds } from './ask-choices.ts'
import { canonicalTimeZone, formatDate, startOfDayIso, todayIn } from './dates.ts'
import { TimeZoneSchema } from './validation/time-zone.ts'

// 00:30 UTC on 3 December: 11:30 on the 3rd in Sydney, 16:30 on the 2nd in Los Angeles.
const AFTER_UTC_MIDNIGHT = '2026-12-03T00:30:00Z'
// 23:30 UTC on 2 December: already 10:30 on the 3rd in Sydney.
const BEFORE_UTC_MIDNIGHT = '2026-12-02T23:30:00Z'

describe('formatDate', () => {
  test('shows the Sydney day where UTC is still on the day before', () => {
    expect(formatDate(BEFORE_UTC_MIDNIGHT, 'UTC')).toBe('Dec 2, 2026')
    expect(formatDate(BEFORE_UTC_MIDNIGHT, 'Australia/Sydney')).toBe('Dec 3, 2026')
    expect(formatDate(BEFORE_UTC_MIDNIGHT, 'Australia/Sydney', 'long')).toBe('December 3, 2026')
  })

  test('shows the Los Angeles day where UTC has already moved on', () => {
    expect(formatDate(AFTER_UTC_MIDNIGHT, 'UTC')).toBe('Dec 3, 2026')
    expect(formatDate(AFTER_UTC_MIDNIGHT, 'America/Los_Angeles')).toBe('Dec 2, 2026')
  })

  test('date and time name the zone, and follow Sydney across its DST change', () => {
    expect(formatDate(AFTER_UTC_MIDNIGHT, 'Australia/Sydney', 'dateTime')).toBe('Dec 3, 11:30 AM GMT+11')
    // 4 October 2026, 01:30 and 03:30 Sydney: the clocks went forward at 02:00 in between.
    expect(formatDate('2026-10-03T15:30:00Z', 'Australia/Sydney', 'dateTime')).toBe('Oct 4, 01:30 AM GMT+10')
    expect(formatDate('2026-10-03T16:30:00Z', 'Australia/Sydney', 'dateTime')).toBe('Oct 4, 03:30 AM GMT+11')
  })

  test('a zone the runtime does not know falls back to UTC instead of failing the page', () => {
    expect(formatDate(BEFORE_UTC_MIDNIGHT, 'Mars/Olympus_Mons')).toBe('Dec 2, 2026')
  })
})

describe('TimeZoneSchema', () => {
  test('accepts IANA names, in their canonical spelling', () => {
    expect(TimeZoneSchema.parse('Australia/Sydney')).toBe('Australia/Sydney')
    expect(TimeZoneSchema.parse(' australia/sydney ')).toBe('Australia/Sydney')
    expect(TimeZoneSchema.parse('UTC')).toBe('UTC')
    expect(canonicalTimeZone('America/Los_Angeles')).toBe('America/Los_Angeles')
  })

  test('refuses what is not a zone, with a sentence', () => {
    for (const bad of ['', 'Mars/Olympus_Mons', 'Sydney', '../../etc/passwd', 'x'.repeat(65)]) {
      const result = TimeZoneSchema.safeParse(bad)
      expect(result.success, bad).toBe(false)
      expect(result.error?.issues[0]?.message, bad).toMatch(/time zone/)
    }
    expect(TimeZoneSchema.safeParse(42).success).toBe(false)
  })
})

describe("snooze days in the advocate's zone", () => {
  test('"tomorrow" is Sydney\'s tomorrow, a day ahead of UTC\'s late in the UTC evening', () => {
    const now = new Date(BEFORE_UTC_MIDNIGHT)
    expect(todayIn('Australia/Sydney', now)).toBe('2026-12-03')
    expect(snoozeBounds(now, 'Australia/Sydney')).toEqual({ min: '2026-12-04', max: '2027-03-02', suggested: '2026-12-10' })
    expect(snoozeBounds(now, 'UTC')).toEqual({ min: '2026-12-03', max: '2027-03-01', suggested: '2026-12-09' })
  })

  test("and Los Angeles' tomorrow is a day behind UTC's just after UTC midnight", () => {
    expect(snoozeBounds(new Date(AFTER_UTC_MIDNIGHT), 'America/Los_Angeles').min).toBe('2026-12-03')
  })

  test('a snooze ends at the start of the chosen day where the advocate is', () => {
    expect(startOfDayIso('2026-12-10', 'Australia/Sydney')).toBe('2026-12-09T13:00:00.000Z')
    expect(startOfDayIso('2026-12-10', 'America/Los_Angeles')).toBe('2026-12-10T08:00:00.000Z')
    expect(startOfDayIso('2026-12-10', 'UTC')).toBe('2026-12-10T00:00:00.000Z')
  })
})
