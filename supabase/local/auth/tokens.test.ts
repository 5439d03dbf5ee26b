import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { generateOtp, hashToken, tokenMatches } from './tokens.ts'

it('hashes as lower-case hex SHA-224 of email + otp, and matches pkce_ columns too', () => {
  const hash = hashToken('a@example.com', '123456')
  expect(hash).toBe(createHash('sha224').update('a@example.com123456').digest('hex'))
  expect(tokenMatches(hash, { email: 'A@example.com', otp: '123456' })).toBe(true)
  expect(tokenMatches(`pkce_${hash}`, { email: 'a@example.com', otp: '123456' })).toBe(true)
  expect(tokenMatches(hash, { email: 'a@example.com', otp: '654321' })).toBe(false)
  expect(tokenMatches('', { tokenHash: '' })).toBe(false)
  expect(generateOtp(6)).toMatch(/^\d{6}$/)
})
