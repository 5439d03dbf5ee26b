/**
 * What the portal says about personalities, goals and recognition: one place for the survey's
 * result page, the profile and admin screens (domain.md §1.1, §1.3). Plain data, no runtime APIs.
 */
import type { AdvocateGoal, Personality, RecognitionPreference } from './personality.ts'

export { PERSONALITY_LABELS as PERSONALITY_NAMES } from './personality.ts'

export interface PersonalityCopy {
  /** One sentence about who this is, addressed to the advocate. */
  description: string
  /** The kinds of opportunities the feed favours for them. */
  opportunities: string[]
  /** How the program thanks them by default. */
  thanks: string
}

export const PERSONALITY_COPY: Record<Personality, PersonalityCopy> = {
  educator: {
    description: 'You light up when you help others succeed, and you share what you know generously.',
    opportunities: [
      'Answering other members’ questions',
      'Writing how-tos and tips',
      'Hosting a webinar or training',
      'Mentoring new members',
    ],
    thanks: 'A personal thank-you note from our team',
  },
  validator: {
    description: 'You are fair, credible and willing to go on the record with an honest opinion.',
    opportunities: ['Reference calls with prospective customers', 'Reviews and testimonial quotes', 'Case studies'],
    thanks: 'A small gift or reward',
  },
  status_seeker: {
    description: 'You are ambitious, a strong speaker with a wide network, and ready for the next step in your career.',
    opportunities: ['Speaking slots and webinars', 'Bylined posts and named case studies', 'Award nominations'],
    thanks: 'Content, coaching and spotlights that help your career',
  },
  collaborator: {
    description: 'You think long-term and want a real say in where the product goes.',
    opportunities: ['Customer advisory board', 'Beta programs', 'Research interviews and feature feedback'],
    thanks: 'Early access to new products and features',
  },
}

/** For the 2-1-1-1 result, which has no dominant type. */
export const BALANCED_COPY = {
  description: 'You enjoy a bit of everything. We will learn what suits you best from what you choose to do.',
} as const

export const RECOGNITION_LABELS: Record<RecognitionPreference, string> = {
  thank_you_letter: 'A heartfelt, personal thank-you letter',
  small_gift: 'A small gift or cash incentive',
  career_content: 'Helpful content for my career or personal goals',
  early_access: 'Exclusive access to new products',
}

export const GOAL_LABELS: Record<AdvocateGoal, string> = {
  build_reputation: 'Build my professional reputation',
  grow_network: 'Meet peers in my industry',
  influence_product: 'Influence the product',
  advance_career: 'Advance my career',
  learn: 'Learn and get more out of the product',
}
