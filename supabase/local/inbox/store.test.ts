import { describe, expect, it } from 'vitest'
import { Mailbox, parseAddress, snippetOf } from './store.ts'

describe('Mailbox', () => {
  it('parses addresses and builds snippets', () => {
    expect(parseAddress('Admin <admin@email.com>')).toEqual({ Name: 'Admin', Address: 'admin@email.com' })
    expect(parseAddress('"A, B" <ab@x.io>')).toEqual({ Name: 'A, B', Address: 'ab@x.io' })
    expect(parseAddress('plain@x.io')).toEqual({ Name: '', Address: 'plain@x.io' })
    expect(snippetOf('', '<style>p{}</style><p>Hello <b>there</b></p>')).toBe('Hello there')
    expect(snippetOf('x'.repeat(300), '')).toHaveLength(253)
  })

  it('searches by recipient, sender, subject and free text; newest first', () => {
    const box = new Mailbox()
    box.add({ to: ['a@example.com'], subject: 'Confirm', text: 'code 111111', html: '' })
    box.add({ to: ['b@example.com'], from: 'Team <team@x.io>', subject: 'Magic Link', text: 'code 222222', html: '' })
    box.add({ to: ['A@Example.com'], subject: 'Reset', text: 'code 333333', html: '' })
    expect(box.search('to:a@example.com').map((m) => m.Subject)).toEqual(['Reset', 'Confirm'])
    expect(box.search('from:team@x.io').map((m) => m.Subject)).toEqual(['Magic Link'])
    expect(box.search('subject:"magic link"').map((m) => m.Subject)).toEqual(['Magic Link'])
    expect(box.search('to:a@example.com 111111').map((m) => m.Subject)).toEqual(['Confirm'])
    expect(box.get('latest')?.Subject).toBe('Reset')
  })
})
