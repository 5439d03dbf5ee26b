/**
 * The short, human reasons on each feed item ("Fits Educators", "2-minute task"). Built only for
 * the items on the returned page, never for all candidates. Every item gets at least one: the
 * last line of each function is a fallback that always applies.
 */
import { ADVOCATE_GOALS, PERSONALITY_LABELS, PERSONALITIES, type AdvocateGoal } from '../personality.ts'
import type { AdvocateFit } from './fit.ts'
import { goalMaskOf } from './fit.ts'
import { DAY_MS } from './time.ts'
import type { ContentItem, ContentKind, Effort, Opportunity, OpportunityType, PersonalityWeights } from './types.ts'

const MAX_REASONS = 3
/** "Fits Educators" needs the type to be a real part of the advocate (2 of 5 answers) and of the item. */
const FIT_MIN_ADVOCATE_WEIGHT = 0.4
const FIT_MIN_ITEM_WEIGHT = 0.5
const NEW_WITHIN_DAYS = 7

const GOAL_PHRASES: Record<AdvocateGoal, string> = {
  build_reputation: 'build your reputation',
  grow_network: 'grow your network',
  influence_product: 'shape the product',
  advance_career: 'advance your career',
  learn: 'keep learning',
}

export const OPPORTUNITY_TYPE_LABELS: Record<OpportunityType, string> = {
  review: 'review',
  testimonial: 'testimonial quote',
  video_clip: 'video clip',
  written_story: 'written story',
  case_study: 'case study',
  reference_call: 'reference call',
  speaking: 'speaking slot',
  content_co_creation: 'content collaboration',
  advisory_board: 'advisory board seat',
  referral: 'referral',
  beta_feedback: 'beta feedback',
  social_share: 'social share',
  peer_intro: 'peer introduction',
}

const CONTENT_KIND_REASONS: Record<ContentKind, string> = {
  career_content: 'Career content',
  early_access: 'Early access for advocates',
  how_to: 'How-to guide',
  event_promo: 'Upcoming event',
  community_highlight: 'From the community',
}

const EFFORT_LABELS: Record<Effort, string> = { low: 'Low-effort', medium: 'Medium-effort', high: 'High-effort' }

function personalityReason(fit: AdvocateFit, weights: PersonalityWeights): string | null {
  if (!fit.hasSurvey) return null
  let best = -1
  let bestProduct = 0
  for (let i = 0; i < 4; i++) {
    const product = fit.vector[i] * weights[i]
    if (product > bestProduct && fit.vector[i] >= FIT_MIN_ADVOCATE_WEIGHT && weights[i] >= FIT_MIN_ITEM_WEIGHT) {
      best = i
      bestProduct = product
    }
  }
  return best < 0 ? null : `Fits ${PERSONALITY_LABELS[PERSONALITIES[best]]}s`
}

/** The first shared goal in the fixed goal order, so the reason doesn't depend on input order. */
function goalReason(fit: AdvocateFit, tags: readonly AdvocateGoal[]): string | null {
  const shared = fit.goalMask & goalMaskOf(tags)
  if (shared === 0) return null
  const goal = ADVOCATE_GOALS.find((_, i) => shared & (1 << i))!
  return `Because you want to ${GOAL_PHRASES[goal]}`
}

export function opportunityReasons(opportunity: Opportunity, fit: AdvocateFit, createdAt: number, now: number): string[] {
  const reasons: string[] = []
  const personality = personalityReason(fit, opportunity.affinity)
  if (personality) reasons.push(personality)
  if (opportunity.effort === 'low') {
    const minutes = opportunity.estimatedMinutes
    reasons.push(minutes && minutes > 0 && minutes < 60 ? `${Math.round(minutes)}-minute task` : 'Quick task')
  }
  if (fit.pointsToNextTier > 0 && fit.nextTierName && opportunity.points >= fit.pointsToNextTier) {
    reasons.push(`You're ${fit.pointsToNextTier} points from ${fit.nextTierName}`)
  }
  const goal = goalReason(fit, opportunity.goalTags)
  if (goal) reasons.push(goal)
  if (now - createdAt < NEW_WITHIN_DAYS * DAY_MS) reasons.push('New this week')
  if (reasons.length === 0) reasons.push(`${EFFORT_LABELS[opportunity.effort]} ${OPPORTUNITY_TYPE_LABELS[opportunity.type]}`)
  return reasons.slice(0, MAX_REASONS)
}

export function contentReasons(item: ContentItem, fit: AdvocateFit, createdAt: number, now: number): string[] {
  const reasons: string[] = []
  const personality = personalityReason(fit, item.affinity)
  if (personality) reasons.push(personality)
  const goal = goalReason(fit, item.goalTags)
  if (goal) reasons.push(goal)
  if (now - createdAt < NEW_WITHIN_DAYS * DAY_MS) reasons.push('New this week')
  if (reasons.length === 0 || item.kind === 'early_access') reasons.push(CONTENT_KIND_REASONS[item.kind])
  return reasons.slice(0, MAX_REASONS)
}
