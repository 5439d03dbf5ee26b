/**
 * Password policy and hashing. bcryptjs is used in its async form: the Auth server shares
 * its process with the gateway, and a synchronous cost-10 hash would stall every request.
 */
import bcrypt from 'bcryptjs'
import type { AuthConfig } from '../config.ts'
import { AuthError, badRequest } from './errors.ts'

const BCRYPT_COST = 10
/** bcrypt ignores everything past 72 bytes, so longer passwords are refused outright. */
const MAX_PASSWORD_BYTES = 72

const CHARACTER_SETS: Record<Exclude<AuthConfig['passwordRequirements'], ''>, string[]> = {
  letters_digits: ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'],
  lower_upper_letters_digits: ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'],
  lower_upper_letters_digits_symbols: [
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '0123456789',
    '!@#$%^&*()_+-=[]{};\':"|<>?,./`~',
  ],
}

export interface PasswordWeakness {
  reasons: string[]
  message: string
}

/** Returns why a password fails the current policy, or null when it passes. */
export function findPasswordWeakness(config: AuthConfig, password: string): PasswordWeakness | null {
  const reasons: string[] = []
  const messages: string[] = []
  if (password.length < config.minimumPasswordLength) {
    reasons.push('length')
    messages.push(`Password should be at least ${config.minimumPasswordLength} characters.`)
  }
  if (config.passwordRequirements) {
    const sets = CHARACTER_SETS[config.passwordRequirements]
    if (!sets.every((set) => [...password].some((c) => set.includes(c)))) {
      reasons.push('characters')
      messages.push(`Password should contain at least one character of each: ${sets.join(', ')}.`)
    }
  }
  return reasons.length ? { reasons, message: messages.join(' ') } : null
}

/** Validates a new password: 400 when unusable, 422 `weak_password` when against policy. */
export function requireAcceptablePassword(config: AuthConfig, password: string): void {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw badRequest(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`)
  }
  const weakness = findPasswordWeakness(config, password)
  if (weakness) {
    throw new AuthError(422, 'weak_password', weakness.message, { weak_password: { reasons: weakness.reasons } })
  }
}

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_COST)

/** Accepts $2a$, $2b$ and $2y$ hashes at any cost, e.g. from `extensions.crypt()` in seeds. */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false
  return bcrypt.compare(password, hash)
}
