/**
 * Words for the feed's codes, shared by the server and the browser (kept free of the engine and of
 * Zod, so it costs the page almost nothing).
 */
import type { ContentKind, Effort, OpportunityType } from '../../supabase/functions/_shared/matching/types.ts'
import type { AskBlocker } from '../../supabase/functions/_shared/matching/explain.ts'

export const OPPORTUNITY_TYPE_LABELS: Record<OpportunityType, string> = {
  review: 'Review',
  testimonial: 'Testimonial',
  video_clip: 'Video clip',
  written_story: 'Written story',
  case_study: 'Case study',
  reference_call: 'Reference call',
  speaking: 'Speaking',
  content_co_creation: 'Content co-creation',
  advisory_board: 'Advisory board',
  referral: 'Referral',
  beta_feedback: 'Beta feedback',
  social_share: 'Social share',
  peer_intro: 'Peer intro',
}

export const CONTENT_KIND_LABELS: Record<ContentKind, string> = {
  career_content: 'Career',
  early_access: 'Early access',
  how_to: 'How-to',
  event_promo: 'Event',
  community_highlight: 'Community',
}

export const EFFORT_LABELS: Record<Effort, string> = {
  low: 'Quick',
  medium: 'Some effort',
  high: 'Bigger commitment',
}

export function typeLabel(kind: 'ask' | 'content', type: string): string {
  return kind === 'ask' ? (OPPORTUNITY_TYPE_LABELS[type as OpportunityType] ?? type) : (CONTENT_KIND_LABELS[type as ContentKind] ?? type)
}

/** "About 5 minutes", "About 2 hours". */
export function durationLabel(minutes: number | null): string | null {
  if (minutes === null) return null
  if (minutes < 60) return `About ${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.round(minutes / 30) / 2
  return `About ${hours} hour${hours === 1 ? '' : 's'}`
}

/**
 * Why an ask can't be accepted right now, in the advocate's words (codes from ADR 006). Never
 * names the program's assessment (NPS, health score): that is the program's, not theirs to be told.
 */
export const BLOCKED_MESSAGES: Record<AskBlocker, string> = {
  not_eligible: 'Asks like this aren’t open to you at the moment. Keep enjoying the content; we’ll let you know when that changes.',
  open_asks_cap: 'You already have asks in progress. Finish or withdraw one first; we never want to ask too much at once.',
  accepted_asks_cap: 'You’ve taken on plenty this month. This one will be here for you later.',
  type_cooldown: 'You’ve done this kind of ask recently. We give you a break before asking again.',
  effort_locked: 'This one unlocks after you complete a few smaller asks.',
  already_taken: 'You’ve already taken this ask. You’ll find it in My activity.',
  full: 'All places for this ask are taken.',
  not_available: 'This ask isn’t available any more.',
  withdrawn_recently: 'You withdrew from this ask less than a day ago. It opens up for you again tomorrow.',
}

export function blockedMessage(code: AskBlocker): string {
  return BLOCKED_MESSAGES[code]
}
