import { describe, expect, test } from 'vitest'
import { sizeFromOptions } from './seed-large.ts'
import { DEFAULT_SIZE } from './support/large-seed.ts'

describe('seed:large --asks / --gives', () => {
  test('the defaults stay 1,000 asks and 500 gives', () => {
    expect(sizeFromOptions({})).toEqual(DEFAULT_SIZE)
    expect(DEFAULT_SIZE).toMatchObject({ opportunities: 1_000, content: 500 })
  })

  test('size the catalogue and leave the rest alone', () => {
    expect(sizeFromOptions({ asks: '6200', gives: '22400' })).toEqual({ ...DEFAULT_SIZE, opportunities: 6_200, content: 22_400 })
    expect(sizeFromOptions({ gives: '20' })).toEqual({ ...DEFAULT_SIZE, content: 20 })
  })

  test('refuse what is not a whole number of at least one', () => {
    for (const bad of ['0', '-5', '1.5', 'many', '']) expect(() => sizeFromOptions({ asks: bad })).toThrow(/--asks must be a whole number/)
    expect(() => sizeFromOptions({ gives: '2e3x' })).toThrow(/--gives/)
  })
})
