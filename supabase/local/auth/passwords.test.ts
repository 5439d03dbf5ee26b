import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../config.ts'
import { type AuthError } from './errors.ts'
import { findPasswordWeakness, hashPassword, passwordMatches, requireAcceptablePassword } from './passwords.ts'

const config = (passwordRequirements: AuthConfig['passwordRequirements'] = '') =>
  ({ minimumPasswordLength: 6, passwordRequirements }) as AuthConfig

describe('password policy', () => {
  it('reports length and character-class weaknesses', () => {
    expect(findPasswordWeakness(config(), '12345')?.reasons).toEqual(['length'])
    expect(findPasswordWeakness(config('letters_digits'), 'abcdefg')?.reasons).toEqual(['characters'])
    expect(findPasswordWeakness(config('letters_digits'), 'abc123')).toBeNull()
  })

  it('refuses more than 72 bytes with 400 and weak passwords with 422', () => {
    const status = (password: string) => {
      try {
        requireAcceptablePassword(config(), password)
        return 200
      } catch (error) {
        return (error as AuthError).status
      }
    }
    expect(status('é'.repeat(37))).toBe(400) // 74 bytes, 37 characters
    expect(status('12345')).toBe(422)
    expect(status('a'.repeat(72))).toBe(200)
  })

  it('verifies its own hashes and $2y$ hashes, and rejects non-bcrypt values', async () => {
    const hash = await hashPassword('secret123')
    expect(await passwordMatches('secret123', hash)).toBe(true)
    expect(await passwordMatches('secret123', hash.replace(/^\$2b\$/, '$2y$'))).toBe(true)
    expect(await passwordMatches('wrong', hash)).toBe(false)
    expect(await passwordMatches('secret123', '')).toBe(false)
  })
})
