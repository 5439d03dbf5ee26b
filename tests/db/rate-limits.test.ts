/**
 * `public.hit_rate_limit`, the shared counter behind the portal's rate limits: only the service
 * role may call it (or see the counters), parallel hits are each counted once, and a window that
 * has ended starts again.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '../stack/support/stack.ts'
import { createPrincipals, type Principals } from './support/principals.ts'

let p: Principals
beforeAll(async () => {
  p = await createPrincipals('rate-limits')
})
afterAll(async () => {
  await p?.cleanup()
  await db.query(`delete from private.rate_limit_counters where bucket like 'test-%'`)
})

const hit = (key: string, limit = 3, windowSeconds = 60, bucket = 'test-db') =>
  p.service_role.client.rpc('hit_rate_limit', { p_bucket: bucket, p_key: key, p_limit: limit, p_window_seconds: windowSeconds })

describe('hit_rate_limit', () => {
  test('anon and signed-in users can neither call it nor read the counters', async () => {
    for (const who of ['anon', 'advocate', 'admin'] as const) {
      const { error } = await p[who].client.rpc('hit_rate_limit', { p_bucket: 'test-db', p_key: 'x', p_limit: 1, p_window_seconds: 60 })
      expect(error, who).toMatchObject({ code: '42501' })
    }
    const { rows } = await db.query<{ grantee: string }>(
      `select grantee from information_schema.role_routine_grants where routine_schema = 'public' and routine_name = 'hit_rate_limit'`,
    )
    expect(rows.map((r) => r.grantee).filter((g) => g !== 'postgres')).toEqual(['service_role'])
    const privateRead = await p.advocate.client
      .schema('private' as never)
      .from('rate_limit_counters')
      .select('*')
    expect(privateRead.error).not.toBeNull()
  })

  test('counts up to the limit, then reports limited with the seconds left in the window', async () => {
    const key = randomUUID()
    const results = []
    for (let i = 0; i < 4; i++) {
      const { data, error } = await hit(key, 3, 900)
      expect(error).toBeNull()
      results.push(data![0])
    }
    expect(results.map((r) => [r.hits, r.limited])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ])
    expect(results[3].retry_after_seconds).toBeGreaterThan(0)
    expect(results[3].retry_after_seconds).toBeLessThanOrEqual(900)
    // Another key and another bucket have their own counts.
    expect((await hit(randomUUID(), 3, 900)).data![0]).toMatchObject({ hits: 1, limited: false })
    expect((await hit(key, 3, 900, 'test-other')).data![0]).toMatchObject({ hits: 1, limited: false })
  })

  test('parallel hits are each counted exactly once', async () => {
    const key = randomUUID()
    const all = await Promise.all(Array.from({ length: 20 }, () => hit(key, 10, 900)))
    expect(all.every((r) => r.error === null)).toBe(true)
    const counts = all.map((r) => r.data![0].hits).sort((a, b) => a - b)
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(all.filter((r) => r.data![0].limited)).toHaveLength(10)
  })

  test('a window that has ended starts again at one', async () => {
    const key = randomUUID()
    await hit(key, 1, 900)
    expect((await hit(key, 1, 900)).data![0].limited).toBe(true)
    await db.query(`update private.rate_limit_counters set reset_at = now() - interval '1 second' where bucket = 'test-db' and key = $1`, [
      key,
    ])
    expect((await hit(key, 1, 900)).data![0]).toMatchObject({ hits: 1, limited: false })
  })

  test('refuses nonsense limits instead of counting against them', async () => {
    const { error } = await hit(randomUUID(), 0, 60)
    expect(error).toMatchObject({ code: '22023' })
  })
})
