import { describe, expect, it } from 'vitest'
import { scorePersonality, type Personality } from '../../supabase/functions/_shared/personality.ts'
import { describeResult } from './personality-view.server.ts'
import { isOnboardingPath, type LatestResult } from './survey.server.ts'

/** A stored result as the database would hold it, from five answers. */
function stored(answers: Personality[]): LatestResult {
  const result = scorePersonality(answers)
  return {
    id: 1,
    educator_score: result.scores.educator,
    validator_score: result.scores.validator,
    status_seeker_score: result.scores.status_seeker,
    collaborator_score: result.scores.collaborator,
    primary_personality: result.primary,
    secondary_personality: result.secondary,
    label: result.label,
    predicted_recognition: result.predictedRecognition,
    created_at: '2026-11-23T00:00:00Z',
  }
}

describe('describeResult', () => {
  it('names a single personality with its article', () => {
    const view = describeResult(stored(['educator', 'educator', 'educator', 'educator', 'validator']))
    expect(view.headline).toBe('You’re an Educator')
    expect(view.summary).toHaveLength(1)
    expect(view.scores.map((s) => `${s.name} ${s.score}`)).toEqual(['Educator 4', 'Validator 1', 'Status Seeker 0', 'Collaborator 0'])
    expect(describeResult(stored(Array(5).fill('status_seeker'))).headline).toBe('You’re a Status Seeker')
  })

  it('explains both sides of a blend, without repeating an opportunity', () => {
    const view = describeResult(stored(['educator', 'educator', 'educator', 'validator', 'validator']))
    expect(view.headline).toBe('You’re an Educator–Validator blend')
    expect(view.summary).toHaveLength(2)
    expect(new Set(view.opportunities).size).toBe(view.opportunities.length)
  })

  it('says plainly when no style dominates', () => {
    const view = describeResult(stored(['collaborator', 'collaborator', 'educator', 'validator', 'status_seeker']))
    expect(view.label).toBe('Balanced')
    expect(view.headline).toBe('You’re a balanced advocate')
    expect(view.summary[1]).toContain('a Collaborator')
    expect(view.opportunities).toHaveLength(4)
  })
})

describe('isOnboardingPath', () => {
  it('lets a new advocate reach the survey and their profile, and nothing else', () => {
    for (const path of ['/welcome', '/welcome/', '/welcome/survey/3', '/welcome/result', '/welcome.data', '/profile', '/profile.data']) {
      expect(isOnboardingPath(path), path).toBe(true)
    }
    for (const path of ['/', '/_root.data', '/welcomes', '/profiles', '/feed', '/x/welcome']) {
      expect(isOnboardingPath(path), path).toBe(false)
    }
  })
})
