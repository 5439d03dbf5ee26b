import { describe, expect, it } from 'vitest'
import { firstUnansweredStep, resolveStep, scoreWidthClass, shuffleForAdvocate } from './survey.ts'

const options = [1, 2, 3, 4].map((id) => ({ id, label: `option ${id}` }))

describe('shuffleForAdvocate', () => {
  it('is stable for the same advocate and question, whatever order the rows came in', () => {
    const a = shuffleForAdvocate(options, 'profile-a', 7)
    const b = shuffleForAdvocate([...options].reverse(), 'profile-a', 7)
    expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id))
  })

  it('keeps every option exactly once and does not change its input', () => {
    const input = [...options]
    const result = shuffleForAdvocate(input, 'profile-b', 3)
    expect(result.map((o) => o.id).sort()).toEqual([1, 2, 3, 4])
    expect(input).toEqual(options)
  })

  it('spreads the first position across advocates (no position bias)', () => {
    const firsts = new Map<number, number>()
    for (let i = 0; i < 4000; i++) {
      const first = shuffleForAdvocate(options, `advocate-${i}`, 11)[0].id
      firsts.set(first, (firsts.get(first) ?? 0) + 1)
    }
    expect([...firsts.keys()].sort()).toEqual([1, 2, 3, 4])
    for (const count of firsts.values()) expect(count).toBeGreaterThan(850) // ≈ 1000 each
  })

  it('gives different questions different orders for the same advocate', () => {
    const orders = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((q) =>
        shuffleForAdvocate(options, 'profile-c', q)
          .map((o) => o.id)
          .join(),
      ),
    )
    expect(orders.size).toBeGreaterThan(1)
  })
})

describe('firstUnansweredStep', () => {
  it('finds the first gap, or null when complete', () => {
    expect(firstUnansweredStep([])).toBe(1)
    expect(firstUnansweredStep([1, 2, 4])).toBe(3)
    expect(firstUnansweredStep([5, 4, 3, 2, 1])).toBeNull()
  })
})

describe('resolveStep', () => {
  it('shows any step up to the first open one', () => {
    expect(resolveStep('1', [])).toEqual({ kind: 'show', step: 1 })
    expect(resolveStep('3', [1, 2])).toEqual({ kind: 'show', step: 3 })
    expect(resolveStep('1', [1, 2, 3])).toEqual({ kind: 'show', step: 1 })
    expect(resolveStep('5', [1, 2, 3, 4, 5])).toEqual({ kind: 'show', step: 5 })
  })

  it('sends a skip ahead back to the open question', () => {
    expect(resolveStep('4', [1])).toEqual({ kind: 'redirect', step: 2 })
    expect(resolveStep('5', [1, 2, 4, 5])).toEqual({ kind: 'redirect', step: 3 })
  })

  it('treats anything but 1–5 as no page', () => {
    for (const param of [undefined, '', '0', '6', '-1', '2.5', '02', 'abc', '1e1']) {
      expect(resolveStep(param, [])).toEqual({ kind: 'not-found' })
    }
  })
})

describe('scoreWidthClass', () => {
  it('maps 0–5 to fixed classes and clamps anything else', () => {
    expect(scoreWidthClass(0)).toBe('w-0')
    expect(scoreWidthClass(2)).toBe('w-[40%]')
    expect(scoreWidthClass(5)).toBe('w-full')
    expect(scoreWidthClass(9)).toBe('w-full')
    expect(scoreWidthClass(-1)).toBe('w-0')
  })
})
