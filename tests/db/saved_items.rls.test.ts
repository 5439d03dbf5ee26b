/** `public.saved_items`: the RLS matrix, and which gives may be saved at all. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createPrincipals, type Principals } from './support/principals.ts'
import { removeSavedItemsTestContent, savedItemsMatrix, savedItemsTestGive } from './support/matrices/saved-items.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(savedItemsMatrix)
afterAll(removeSavedItemsTestContent)

describe('saving a give', () => {
  let p: Principals
  beforeAll(async () => {
    p = await createPrincipals('saved-items')
  })
  afterAll(async () => {
    await p?.cleanup()
  })

  const save = (contentItemId: number) =>
    p.advocate.client.from('saved_items').insert({ profile_id: p.idOf('advocate'), content_item_id: contentItemId })

  test('a published give is saved once; saving it again is a conflict; unsaving removes it', async () => {
    const give = await savedItemsTestGive()
    const first = await save(give)
    expect(first.error).toBeNull()
    expect(first.status).toBe(201)
    const again = await save(give)
    expect(again.error?.code).toBe('23505')
    expect(again.status).toBe(409)
    const mine = await p.advocate.client.from('saved_items').select('content_item_id, saved_at').eq('content_item_id', give)
    expect(mine.data).toEqual([{ content_item_id: give, saved_at: expect.any(String) }])
    expect((await p.advocate.client.from('saved_items').delete().eq('content_item_id', give)).error).toBeNull()
    expect((await p.advocate.client.from('saved_items').select('content_item_id').eq('content_item_id', give)).data).toEqual([])
  })

  test.each([
    ['a draft', null],
    ['a scheduled give', new Date(Date.now() + 86_400_000).toISOString()],
  ])('%s cannot be saved, not even by an admin', async (_what, publishedAt) => {
    const give = await savedItemsTestGive(publishedAt)
    expect((await save(give)).error?.code).toBe('42501')
    const admin = await p.admin.client.from('saved_items').insert({ profile_id: p.idOf('admin'), content_item_id: give })
    expect(admin.error?.code).toBe('42501')
  })

  test('saved_at is set by the database, not the client', async () => {
    const give = await savedItemsTestGive()
    const backdated = await p.advocate.client
      .from('saved_items')
      .insert({ profile_id: p.idOf('advocate'), content_item_id: give, saved_at: '2020-01-01T00:00:00Z' })
    expect(backdated.error?.code).toBe('42501')
  })
})
