/**
 * `scorePersonality` against ADR 004's rule, over every one of the 4^5 answer sets and as a
 * property over random ones. The oracle below restates the rule from the sorted score pattern,
 * independently of how the implementation finds it.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  PERSONALITIES,
  PERSONALITY_LABELS,
  PREDICTED_RECOGNITION,
  scorePersonality,
  type Personality,
  type PersonalityKind,
} from './personality.ts'

function allAnswerSets(): Personality[][] {
  const sets: Personality[][] = [[]]
  for (let i = 0; i < 5; i++) {
    const next: Personality[][] = []
    for (const set of sets) for (const p of PERSONALITIES) next.push([...set, p])
    sets.splice(0, sets.length, ...next)
  }
  return sets
}

/** The ADR's table, keyed by the sorted non-zero scores. */
const KIND_BY_PATTERN: Record<string, PersonalityKind> = {
  '5': 'single',
  '4-1': 'single',
  '3-1-1': 'single',
  '3-2': 'primary-secondary',
  '2-2-1': 'dual',
  '2-1-1-1': 'balanced',
}

function oracle(answers: Personality[]) {
  const scores = PERSONALITIES.map((p) => answers.filter((a) => a === p).length)
  const pattern = scores
    .filter((s) => s > 0)
    .sort((a, b) => b - a)
    .join('-')
  const kind = KIND_BY_PATTERN[pattern]
  const top = Math.max(...scores)
  // Ties break by the fixed order E, V, S, C.
  const primary = PERSONALITIES[scores.indexOf(top)]
  const secondary =
    kind === 'primary-secondary'
      ? PERSONALITIES[scores.indexOf(2)]
      : kind === 'dual'
        ? PERSONALITIES.find((p, i) => scores[i] === 2 && p !== primary)!
        : null
  const label =
    kind === 'balanced'
      ? 'Balanced'
      : secondary
        ? `${PERSONALITY_LABELS[primary]}–${PERSONALITY_LABELS[secondary]}`
        : PERSONALITY_LABELS[primary]
  return { scores, kind, primary, secondary, label }
}

const ALL = allAnswerSets()
const personality = fc.constantFrom(...PERSONALITIES)
const answerSet = fc.array(personality, { minLength: 5, maxLength: 5 })

function checkInvariants(answers: Personality[]) {
  const result = scorePersonality(answers)
  const expected = oracle(answers)
  const scores = PERSONALITIES.map((p) => result.scores[p])
  expect(scores.reduce((a, b) => a + b, 0)).toBe(5)
  for (const s of scores) expect(s >= 0 && s <= 5 && Number.isInteger(s)).toBe(true)
  expect(scores).toEqual(expected.scores)
  expect(result.kind).toBe(expected.kind)
  expect(result.primary).toBe(expected.primary)
  expect(result.secondary).toBe(expected.secondary)
  expect(result.label).toBe(expected.label)
  expect(result.vector).toEqual(scores.map((s) => s / 5))
  expect(result.predictedRecognition).toBe(PREDICTED_RECOGNITION[result.primary])
  // The primary always holds the top score; a secondary never equals it.
  expect(result.scores[result.primary]).toBe(Math.max(...scores))
  expect(result.secondary).not.toBe(result.primary)
}

describe('scorePersonality', () => {
  test('there are 1024 answer sets, all distinct', () => {
    expect(ALL).toHaveLength(1024)
    expect(new Set(ALL.map((a) => a.join())).size).toBe(1024)
  })

  test('every answer set: scores sum to 5, and primary, secondary, label, kind, vector, recognition follow the ADR', () => {
    for (const answers of ALL) checkInvariants(answers)
  })

  test('every pattern of the ADR occurs, and nothing else', () => {
    const kinds = new Set(ALL.map((a) => scorePersonality(a).kind))
    expect([...kinds].sort()).toEqual(['balanced', 'dual', 'primary-secondary', 'single'])
  })

  test('property: random answer sets satisfy the same invariants', () => {
    fc.assert(
      fc.property(answerSet, (answers) => checkInvariants(answers)),
      { numRuns: 2000 },
    )
  })

  test('property: the order of answers does not matter', () => {
    fc.assert(
      fc.property(answerSet, fc.func(fc.integer()), (answers, key) => {
        const shuffled = [...answers].sort((a, b) => key(a) - key(b))
        expect(scorePersonality(shuffled)).toEqual(scorePersonality(answers))
      }),
    )
  })

  test.each([
    [['educator', 'educator', 'educator', 'educator', 'educator'], 'Educator', 'single', null],
    [['validator', 'validator', 'validator', 'validator', 'collaborator'], 'Validator', 'single', null],
    [['status_seeker', 'status_seeker', 'status_seeker', 'educator', 'collaborator'], 'Status Seeker', 'single', null],
    [['collaborator', 'collaborator', 'collaborator', 'educator', 'educator'], 'Collaborator–Educator', 'primary-secondary', 'educator'],
    [['collaborator', 'validator', 'educator', 'validator', 'educator'], 'Educator–Validator', 'dual', 'validator'],
    [['status_seeker', 'collaborator', 'status_seeker', 'collaborator', 'educator'], 'Status Seeker–Collaborator', 'dual', 'collaborator'],
    [['validator', 'educator', 'status_seeker', 'collaborator', 'validator'], 'Balanced', 'balanced', null],
  ] as const)('%j → %s (%s)', (answers, label, kind, secondary) => {
    const result = scorePersonality(answers)
    expect(result).toMatchObject({ label, kind, secondary })
  })

  test('a balanced result keeps the 2 as primary and predicts its recognition', () => {
    const result = scorePersonality(['collaborator', 'collaborator', 'educator', 'validator', 'status_seeker'])
    expect(result).toMatchObject({ primary: 'collaborator', secondary: null, label: 'Balanced', predictedRecognition: 'early_access' })
    expect(result.vector).toEqual([0.2, 0.2, 0.2, 0.4])
  })

  test('refuses anything but five known personalities', () => {
    expect(() => scorePersonality(['educator', 'educator', 'educator', 'educator'])).toThrow(RangeError)
    expect(() => scorePersonality(['educator', 'educator', 'educator', 'educator', 'educator', 'educator'])).toThrow(RangeError)
    expect(() => scorePersonality(['educator', 'educator', 'educator', 'educator', 'nobody' as Personality])).toThrow(/unknown personality/)
  })
})
