/** The feed function's catalogue cache: kept while the version holds, one read per version, bounded age, failures not kept. */
import { describe, expect, test } from 'vitest'
import { prepareCatalogue, withFeedSettings } from './matching.ts'
import { CatalogueCache, type FeedCatalogue } from './feed-catalogue.ts'

function catalogue(label: string): FeedCatalogue {
  const rows = { opportunities: [], content: [] }
  return {
    settings: withFeedSettings({ pageSize: label.length }),
    ...rows,
    prepared: prepareCatalogue(rows.opportunities, rows.content),
    opportunityDisplay: new Map(),
    contentDisplay: new Map(),
  }
}

function harness(maxAgeMs = 60_000) {
  let now = 0
  const reads: string[] = []
  const cache = new CatalogueCache(maxAgeMs, () => now)
  const read = (label: string) => () => {
    reads.push(label)
    return Promise.resolve(catalogue(label))
  }
  return { cache, reads, read, advance: (ms: number) => (now += ms) }
}

describe('CatalogueCache', () => {
  test('serves the kept catalogue while the version is the same, and reads again when it changes', async () => {
    const { cache, reads, read } = harness()
    const first = await cache.get('v1', read('a'))
    expect(await cache.get('v1', read('b'))).toBe(first)
    const second = await cache.get('v2', read('c'))
    expect(second).not.toBe(first)
    expect(await cache.get('v2', read('d'))).toBe(second)
    expect(reads).toEqual(['a', 'c'])
  })

  test('concurrent requests with one version share one read', async () => {
    const { cache, reads, read } = harness()
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => cache.get('v1', read(`r${i}`))))
    expect(reads).toEqual(['r0'])
    expect(new Set(results).size).toBe(1)
  })

  test('reads again after maxAgeMs even if the version did not change', async () => {
    const { cache, reads, read, advance } = harness(1_000)
    await cache.get('v1', read('a'))
    advance(999)
    await cache.get('v1', read('b'))
    advance(1)
    await cache.get('v1', read('c'))
    expect(reads).toEqual(['a', 'c'])
  })

  test('a failed read reaches its callers and is not kept', async () => {
    const { cache, reads, read } = harness()
    const failing = () => Promise.reject(new Error('database down'))
    await expect(cache.get('v1', failing)).rejects.toThrow('database down')
    await cache.get('v1', read('retry'))
    expect(reads).toEqual(['retry'])
  })
})
