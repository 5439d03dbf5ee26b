/** An unexpected console.error fails the test that caused it. Tests that expect one spy on it first. */
import { afterEach, beforeEach, vi } from 'vitest'

let unexpected: unknown[][] = []

beforeEach(() => {
  unexpected = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    unexpected.push(args)
  })
})

afterEach(() => {
  vi.mocked(console.error).mockRestore()
  if (unexpected.length > 0) {
    const first = unexpected[0].map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
    throw new Error(`console.error was called ${unexpected.length} time(s); first: ${first}`)
  }
})
