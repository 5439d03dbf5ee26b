/** PostgREST behaviours supabase-js relies on, through the gateway. */
import { describe, expect, it } from 'vitest'
import { anonClient, serviceClient, signedInClient } from '../support/stack.ts'

describe('reads', () => {
  it('single() on zero rows is 406 PGRST116; maybeSingle() returns null', async () => {
    const single = await anonClient().from('items').select('*').eq('id', -1).single()
    expect(single.status).toBe(406)
    expect(single.error?.code).toBe('PGRST116')
    const maybe = await anonClient().from('items').select('*').eq('id', -1).maybeSingle()
    expect(maybe.error).toBeNull()
    expect(maybe.data).toBeNull()
  })

  it('a head request with an exact count returns the count and no data', async () => {
    const { count, data, error } = await anonClient().from('items').select('*', { count: 'exact', head: true })
    expect(error).toBeNull()
    expect(count).toBe(1500)
    expect(data).toBeNull()
  })

  it('a range returns that slice, with the total count', async () => {
    const { data, count, status } = await anonClient().from('items').select('id', { count: 'exact' }).order('id').range(10, 19)
    expect(status).toBe(206)
    expect(count).toBe(1500)
    expect(data?.map((row) => row.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
  })

  it('a range past the end with a count is 416 PGRST103', async () => {
    const { status, error } = await anonClient().from('items').select('id', { count: 'exact' }).range(5000, 5010)
    expect(status).toBe(416)
    expect(error?.code).toBe('PGRST103')
  })

  it('filters combine: eq, ilike, in and or', async () => {
    const fizz = await anonClient().from('items').select('id').eq('category', 'fizz').lte('id', 10).order('id')
    expect(fizz.data?.map((r) => r.id)).toEqual([3, 6, 9])
    const named = await anonClient().from('items').select('name').ilike('name', 'ITEM 150_').order('id')
    expect(named.data?.map((r) => r.name)).toEqual(['item 1500'])
    const either = await anonClient().from('items').select('id').or('id.eq.1,id.eq.2').in('category', ['plain'])
    expect(either.data?.map((r) => r.id).sort()).toEqual([1, 2])
  })

  it('an unbounded select is capped at max_rows (1000)', async () => {
    const { data, error } = await anonClient().from('items').select('id')
    expect(error).toBeNull()
    expect(data).toHaveLength(1000)
  })

  it('a missing table is 404 and an unknown filter column is 400 42703', async () => {
    const missing = await anonClient().from('no_such_table').select('*')
    expect(missing.status).toBe(404)
    expect(['42P01', 'PGRST205']).toContain(missing.error?.code)
    const badColumn = await anonClient().from('items').select('*').eq('nope', 1)
    expect(badColumn.status).toBe(400)
    expect(badColumn.error?.code).toBe('42703')
  })
})

describe('writes', () => {
  it('a duplicate unique value is 409 23505, and upsert merges instead', async () => {
    const { client } = await signedInClient()
    const name = `tag-${crypto.randomUUID()}`
    expect((await client.from('tags').insert({ name })).status).toBe(201)
    const duplicate = await client.from('tags').insert({ name })
    expect(duplicate.status).toBe(409)
    expect(duplicate.error?.code).toBe('23505')
    const upsert = await client.from('tags').upsert({ name }, { onConflict: 'name' }).select('name')
    expect(upsert.error).toBeNull()
    expect(upsert.data).toEqual([{ name }])
  })

  it('a foreign key to a missing row is 409 23503', async () => {
    const { client } = await signedInClient()
    const { data: note } = await client.from('notes').insert({ body: 'tagged' }).select().single()
    const { status, error } = await client.from('note_tags').insert({ note_id: note!.id, tag_id: 999_999_999 })
    expect(status).toBe(409)
    expect(error?.code).toBe('23503')
  })

  it('a check constraint violation is 400 23514 and stores nothing', async () => {
    const { client, user } = await signedInClient()
    const { status, error } = await client.from('notes').insert({ body: '' })
    expect(status).toBe(400)
    expect(error?.code).toBe('23514')
    const { count } = await serviceClient().from('notes').select('*', { count: 'exact', head: true }).eq('owner_id', user.id)
    expect(count).toBe(0)
  })

  it('an unfiltered delete or update is refused with 400 21000, even for the service role', async () => {
    const service = serviceClient()
    const del = await service.from('notes').delete()
    expect(del.status).toBe(400)
    expect(del.error?.code).toBe('21000')
    expect(del.error?.message).toBe('DELETE requires a WHERE clause')
    const update = await service.from('notes').update({ body: 'everything' })
    expect(update.status).toBe(400)
    expect(update.error?.code).toBe('21000')
    expect(update.error?.message).toBe('UPDATE requires a WHERE clause')
  })
})

describe('rpc', () => {
  it('a void function returns 204 with null data; a scalar returns its value', async () => {
    const voidCall = await anonClient().rpc('noop')
    expect(voidCall.status).toBe(204)
    expect(voidCall.data).toBeNull()
    const scalar = await anonClient().rpc('add_numbers', { a: 2, b: 3 })
    expect(scalar.data).toBe(5)
  })

  it("anon's 3 s statement timeout cancels a slow call with 500 57014", async () => {
    const { status, error } = await anonClient().rpc('sleep_for', { seconds: 4 })
    expect(status).toBe(500)
    expect(error?.code).toBe('57014')
  })
})
