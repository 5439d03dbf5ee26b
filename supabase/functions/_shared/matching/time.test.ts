/**
 * Calendar days in the advocate's zone (ADR 013): the date of an instant, the first instant of a
 * date (DST included), and the cut-off for "within the last N days".
 */
import { describe, expect, test } from 'vitest'
import { addCalendarDays, calendarDate, calendarDaysCutoff, startOfZonedDay } from './time.ts'

const at = (iso: string) => Date.parse(iso)
const HOUR = 3_600_000

describe('calendarDate', () => {
  test('an instant just after UTC midnight is still yesterday in Los Angeles and well into today in Sydney', () => {
    const instant = at('2026-12-03T00:30:00Z')
    expect(calendarDate(instant, 'UTC')).toBe('2026-12-03')
    expect(calendarDate(instant, 'America/Los_Angeles')).toBe('2026-12-02')
    expect(calendarDate(instant, 'Australia/Sydney')).toBe('2026-12-03')
  })

  test('an instant just before UTC midnight is already tomorrow in Sydney', () => {
    const instant = at('2026-12-02T23:30:00Z')
    expect(calendarDate(instant, 'UTC')).toBe('2026-12-02')
    expect(calendarDate(instant, 'Australia/Sydney')).toBe('2026-12-03')
  })

  test('Sydney in winter is UTC+10, in summer UTC+11', () => {
    expect(calendarDate(at('2026-07-01T13:59:00Z'), 'Australia/Sydney')).toBe('2026-07-01')
    expect(calendarDate(at('2026-07-01T14:00:00Z'), 'Australia/Sydney')).toBe('2026-07-02')
    expect(calendarDate(at('2026-12-01T12:59:00Z'), 'Australia/Sydney')).toBe('2026-12-01')
    expect(calendarDate(at('2026-12-01T13:00:00Z'), 'Australia/Sydney')).toBe('2026-12-02')
  })
})

describe('addCalendarDays', () => {
  test('crosses month and year ends and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addCalendarDays('2026-12-03', 89)).toBe('2027-03-02')
  })
})

describe('startOfZonedDay', () => {
  test('is local midnight: 13:00 or 14:00 UTC the day before in Sydney, 08:00 UTC in Los Angeles', () => {
    expect(new Date(startOfZonedDay('2026-12-10', 'Australia/Sydney')).toISOString()).toBe('2026-12-09T13:00:00.000Z')
    expect(new Date(startOfZonedDay('2026-07-10', 'Australia/Sydney')).toISOString()).toBe('2026-07-09T14:00:00.000Z')
    expect(new Date(startOfZonedDay('2026-12-10', 'America/Los_Angeles')).toISOString()).toBe('2026-12-10T08:00:00.000Z')
    expect(new Date(startOfZonedDay('2026-12-10', 'UTC')).toISOString()).toBe('2026-12-10T00:00:00.000Z')
  })

  test("around Sydney's DST changes (clocks forward on 4 October 2026, back on 5 April 2026), the day before and after", () => {
    // 3 Oct is still +10, 4 Oct starts at +10 (the jump is at 02:00), 5 Oct is +11.
    expect(new Date(startOfZonedDay('2026-10-04', 'Australia/Sydney')).toISOString()).toBe('2026-10-03T14:00:00.000Z')
    expect(new Date(startOfZonedDay('2026-10-05', 'Australia/Sydney')).toISOString()).toBe('2026-10-04T13:00:00.000Z')
    // 5 April starts at +11 (clocks go back at 03:00), 6 April is +10: that day is 25 hours long.
    const fifth = startOfZonedDay('2026-04-05', 'Australia/Sydney')
    const sixth = startOfZonedDay('2026-04-06', 'Australia/Sydney')
    expect(new Date(fifth).toISOString()).toBe('2026-04-04T13:00:00.000Z')
    expect(sixth - fifth).toBe(25 * HOUR)
  })

  test("Los Angeles' spring-forward day is 23 hours long", () => {
    expect(startOfZonedDay('2026-03-09', 'America/Los_Angeles') - startOfZonedDay('2026-03-08', 'America/Los_Angeles')).toBe(23 * HOUR)
  })

  test('where midnight itself is skipped (Santiago, 6 September 2026) the day starts at 01:00', () => {
    const start = startOfZonedDay('2026-09-06', 'America/Santiago')
    expect(new Date(start).toISOString()).toBe('2026-09-06T04:00:00.000Z')
    expect(calendarDate(start, 'America/Santiago')).toBe('2026-09-06')
    expect(calendarDate(start - 1, 'America/Santiago')).toBe('2026-09-05')
  })
})

describe('calendarDaysCutoff', () => {
  test('"the last 30 days" in Sydney starts at Sydney\'s midnight 29 days before its today', () => {
    // 20:00 UTC on 2 December is 07:00 on 3 December in Sydney.
    const now = at('2026-12-02T20:00:00Z')
    expect(new Date(calendarDaysCutoff(now, 30, 'Australia/Sydney')).toISOString()).toBe('2026-11-03T13:00:00.000Z')
    expect(new Date(calendarDaysCutoff(now, 30, 'UTC')).toISOString()).toBe('2026-11-03T00:00:00.000Z')
    expect(new Date(calendarDaysCutoff(now, 1, 'America/Los_Angeles')).toISOString()).toBe('2026-12-02T08:00:00.000Z')
  })

  test('0 days is nothing: the cut-off is the start of tomorrow', () => {
    const now = at('2026-12-02T20:00:00Z')
    expect(calendarDaysCutoff(now, 0, 'UTC')).toBe(at('2026-12-03T00:00:00Z'))
  })
})
