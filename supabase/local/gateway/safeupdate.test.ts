import { describe, expect, it } from 'vitest'
import { DELETE_REFUSAL, UPDATE_REFUSAL, hasTopLevelFilter, safeupdateRefusal } from './safeupdate.ts'

describe('safeupdateRefusal', () => {
  it('refuses unfiltered table writes with the exact PostgreSQL-style bodies', () => {
    expect(safeupdateRefusal('DELETE', '/notes')).toBe(DELETE_REFUSAL)
    expect(safeupdateRefusal('PATCH', '/notes?')).toBe(UPDATE_REFUSAL)
    expect(JSON.parse(DELETE_REFUSAL)).toEqual({ code: '21000', details: null, hint: null, message: 'DELETE requires a WHERE clause' })
  })

  it('ignores other methods, RPC and the root', () => {
    expect(safeupdateRefusal('GET', '/notes')).toBeUndefined()
    expect(safeupdateRefusal('POST', '/notes')).toBeUndefined()
    expect(safeupdateRefusal('DELETE', '/rpc/purge')).toBeUndefined()
    expect(safeupdateRefusal('DELETE', '/')).toBeUndefined()
  })
})

describe('hasTopLevelFilter', () => {
  it.each([
    'select=*',
    'columns=a,b',
    'on_conflict=id',
    'order=id.desc',
    'limit=1&offset=2',
    'apikey=x',
    '',
    'posts.order=id',
    'posts.id=eq.1',
    'posts.limit=1',
  ])('is false for %j', (query) => expect(hasTopLevelFilter(query)).toBe(false))

  it.each([
    'id=eq.1',
    'or=(a.eq.1,b.eq.2)',
    'and=(a.eq.1)',
    'not.or=(a.eq.1)',
    'not.and=(a.eq.1)',
    'body=is.null',
    'data->>a=eq.1',
    'select=id&id=in.(1,2)',
    'id=not.eq.1',
  ])('is true for %j', (query) => expect(hasTopLevelFilter(query)).toBe(true))
})
