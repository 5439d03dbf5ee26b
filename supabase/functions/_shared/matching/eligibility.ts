/**
 * Who may be asked at all (domain.md §2.3, §10 "asking unhappy customers"). Returns every failed
 * criterion, not just the first, so an admin sees the whole picture. Ineligible advocates still
 * get gives; only asks are gated.
 */
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './settings.ts'
import { addMonthsUtc, DAY_MS, parseTime } from './time.ts'
import type { AdvocateContext } from './types.ts'

export const ELIGIBILITY_REASONS = [
  'missing_nps',
  'detractor',
  'nps_below_threshold',
  'nps_stale',
  'missing_health_score',
  'health_below_threshold',
  'missing_customer_since',
  'tenure_under_minimum',
  'missing_last_active',
  'inactive',
] as const
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number]

export interface EligibilityResult {
  eligible: boolean
  /** In the order of ELIGIBILITY_REASONS; empty when eligible. */
  reasons: EligibilityReason[]
}

export type EligibilitySignals = Pick<AdvocateContext, 'now' | 'nps' | 'npsAt' | 'healthScore' | 'customerSince' | 'lastActiveAt'>

export function evaluateEligibility(advocate: EligibilitySignals, settings: FeedSettings = DEFAULT_FEED_SETTINGS): EligibilityResult {
  return evaluateEligibilityAt(advocate, settings, parseTime(advocate.now))
}

/** The same, at a given epoch-ms time (a cursor's snapshot rather than the request's clock). */
export function evaluateEligibilityAt(advocate: Omit<EligibilitySignals, 'now'>, settings: FeedSettings, now: number): EligibilityResult {
  const reasons: EligibilityReason[] = []

  if (advocate.nps === null) {
    reasons.push('missing_nps')
  } else {
    // Checked separately from minNps so lowering the threshold can never let a detractor through.
    if (advocate.nps <= settings.detractorMaxNps) reasons.push('detractor')
    if (advocate.nps < settings.minNps) reasons.push('nps_below_threshold')
    if (settings.npsMaxAgeDays !== null) {
      const stale = advocate.npsAt === null || now - parseTime(advocate.npsAt) > settings.npsMaxAgeDays * DAY_MS
      if (stale) reasons.push('nps_stale')
    }
  }

  if (advocate.healthScore === null) reasons.push('missing_health_score')
  else if (advocate.healthScore < settings.minHealthScore) reasons.push('health_below_threshold')

  if (advocate.customerSince === null) reasons.push('missing_customer_since')
  else if (addMonthsUtc(parseTime(advocate.customerSince), settings.minTenureMonths) > now) reasons.push('tenure_under_minimum')

  if (advocate.lastActiveAt === null) reasons.push('missing_last_active')
  else if (now - parseTime(advocate.lastActiveAt) > settings.activeWithinDays * DAY_MS) reasons.push('inactive')

  return { eligible: reasons.length === 0, reasons }
}
