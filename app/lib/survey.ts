/**
 * Pure helpers for the welcome survey's screens: which step to show, and the order an advocate
 * sees a question's options in. No I/O, so vitest covers them and the loaders stay thin.
 */

/** What Next says without an answer (the browser checks first; the server checks again). */
export const CHOOSE_AN_ANSWER = 'Choose one of the answers to continue.'

/** Questions per survey version (ADR 004: positions 1–5). */
export const SURVEY_LENGTH = 5

/** 32-bit FNV-1a: small, stable across runtimes, good enough to seed a shuffle. */
function hashString(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The same advocate always sees a question's options in the same order (on reload, on another
 * device), while different advocates and questions get different orders, so no personality
 * benefits from always being listed first (domain.md §1.2). Sort by id first so the input order
 * (whatever the database returned) does not matter.
 */
export function shuffleForAdvocate<T extends { id: number }>(items: readonly T[], profileId: string, questionId: number): T[] {
  const result = [...items].sort((a, b) => a.id - b.id)
  const next = random(hashString(`${profileId}:${questionId}`))
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[result[i], result[j]] = [result[j], result[i]]
  }
  return result
}

/** The first question (1-based) without an answer, or null when all are answered. */
export function firstUnansweredStep(answeredSteps: Iterable<number>, total = SURVEY_LENGTH): number | null {
  const answered = new Set(answeredSteps)
  for (let step = 1; step <= total; step++) if (!answered.has(step)) return step
  return null
}

/**
 * Which step a request for `/welcome/survey/:step` should show. Any step up to the first open
 * one is fine (going back to change an answer); skipping ahead past an open question sends the
 * advocate to that question instead, so the survey is answered in order.
 * `step` is the raw route param: anything but 1…total is not a page.
 */
export function resolveStep(
  param: string | undefined,
  answeredSteps: Iterable<number>,
  total = SURVEY_LENGTH,
): { kind: 'show'; step: number } | { kind: 'redirect'; step: number } | { kind: 'not-found' } {
  if (!param || !/^[1-9]\d*$/.test(param)) return { kind: 'not-found' }
  const step = Number(param)
  if (step > total) return { kind: 'not-found' }
  const open = firstUnansweredStep(answeredSteps, total)
  if (open !== null && step > open) return { kind: 'redirect', step: open }
  return { kind: 'show', step }
}

/** Tailwind width classes for a 0–5 score; a fixed map because the CSP forbids inline styles. */
export const SCORE_WIDTH_CLASS = ['w-0', 'w-[20%]', 'w-[40%]', 'w-[60%]', 'w-[80%]', 'w-full'] as const

export function scoreWidthClass(score: number): string {
  const index = Math.min(SURVEY_LENGTH, Math.max(0, Math.round(score)))
  return SCORE_WIDTH_CLASS[index]
}
