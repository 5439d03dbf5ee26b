/**
 * What the result and profile pages say about a personality result, from the shared copy in
 * supabase/functions/_shared/personality-copy.ts. Built on the server so a page ships only the
 * words for this advocate, not the copy for every personality.
 */
import { BALANCED_COPY, PERSONALITY_COPY, PERSONALITY_NAMES } from '../../supabase/functions/_shared/personality-copy.ts'
import { BALANCED_LABEL, PERSONALITIES } from '../../supabase/functions/_shared/personality.ts'
import type { LatestResult } from './survey.server.ts'

export interface ResultView {
  label: string
  /** "You’re an Educator", "You’re an Educator–Validator blend", "You’re a balanced advocate". */
  headline: string
  summary: string[]
  opportunities: string[]
  thanks: string
  scores: Array<{ personality: string; name: string; score: number }>
}

const withArticle = (word: string) => `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`

export function describeResult(result: LatestResult): ResultView {
  const primary = PERSONALITY_COPY[result.primary_personality]
  const scores = PERSONALITIES.map((personality) => ({
    personality,
    name: PERSONALITY_NAMES[personality],
    score: result[`${personality}_score` as const],
  }))
  const base = { label: result.label, thanks: primary.thanks, scores }
  if (result.label === BALANCED_LABEL) {
    return {
      ...base,
      headline: 'You’re a balanced advocate',
      summary: [
        BALANCED_COPY.description,
        `If anything, you lean a little towards being ${withArticle(PERSONALITY_NAMES[result.primary_personality])}.`,
      ],
      // A taste of every kind, so what they pick can show what suits them.
      opportunities: PERSONALITIES.map((personality) => PERSONALITY_COPY[personality].opportunities[0]),
    }
  }
  if (result.secondary_personality) {
    const secondary = PERSONALITY_COPY[result.secondary_personality]
    return {
      ...base,
      headline: `You’re ${withArticle(result.label)} blend`,
      summary: [primary.description, secondary.description],
      opportunities: [...new Set([...primary.opportunities.slice(0, 2), ...secondary.opportunities.slice(0, 2)])],
    }
  }
  return {
    ...base,
    headline: `You’re ${withArticle(PERSONALITY_NAMES[result.primary_personality])}`,
    summary: [primary.description],
    opportunities: primary.opportunities,
  }
}
