import { describe, expect, it } from 'vitest'
import { AuthError } from './errors.ts'
import { isValidEmailFormat, requireEmail, requirePhone } from './validation.ts'

describe('isValidEmailFormat (GoTrue via badoux/checkmail)', () => {
  it.each(['a@b', 'a.b@c.d', "o'neil+tag@example.com", 'x@a-b.c', `a@${'x'.repeat(63)}.com`])('accepts %s', (email) => {
    expect(isValidEmailFormat(email)).toBe(true)
  })

  it.each([
    'xx:;x@x.x',
    'a b@c.d',
    ' a@b.c',
    'a@b.c ',
    '"a"@b.c',
    'a@[1.2.3.4]',
    'a@-b.c',
    'a@b-.c',
    'a@b..c',
    'a@b.c.',
    '@b.c',
    'a@',
    'a@b@c',
    `a@${'x'.repeat(64)}.com`,
    'é@b.c',
  ])('refuses %j', (email) => {
    expect(isValidEmailFormat(email)).toBe(false)
  })
})

describe('requireEmail', () => {
  const failure = (raw: string) => {
    try {
      requireEmail(raw)
    } catch (error) {
      return error instanceof AuthError ? { status: error.status, code: error.code, message: error.message } : error
    }
    return null
  }

  it('lower-cases a valid address without trimming it', () => {
    expect(requireEmail('Ava@Example.COM')).toBe('ava@example.com')
    expect(failure(' ava@example.com')).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    })
  })

  it('checks presence, then length (255), then format', () => {
    expect(failure('')).toMatchObject({ message: 'An email address is required' })
    expect(failure(`${'a'.repeat(243)}@example.com`)).toBeNull()
    expect(failure(`${'a'.repeat(244)}@example.com`)).toMatchObject({ message: 'An email address is too long' })
    expect(failure(`${':'.repeat(244)}@example.com`)).toMatchObject({ message: 'An email address is too long' })
  })
})

describe('requirePhone (GoTrue validatePhone)', () => {
  it('drops a leading + and spaces, then requires E.164 digits', () => {
    expect(requirePhone('+1 555 555 0100')).toBe('15555550100')
    expect(() => requirePhone('0155')).toThrow('Invalid phone number format (E.164 required)')
    expect(() => requirePhone('+1234567890123456')).toThrow('Invalid phone number format (E.164 required)')
  })
})
