/** Which sessions count as a fresh mailbox sign-in (ADR 009): the rest must send a code. */
import { describe, expect, it } from 'vitest'
import { isRecentMailboxSignIn, RECOVERY_WINDOW_SECONDS } from './password-change.server.ts'

const NOW = 1_800_000_000
const amr = (method: string, secondsAgo: number) => ({ amr: [{ method, timestamp: NOW - secondsAgo }] })

describe('isRecentMailboxSignIn', () => {
  it('accepts the recovery link, a typed code and a magic link within the window', () => {
    for (const method of ['recovery', 'otp', 'magiclink']) {
      expect(isRecentMailboxSignIn(amr(method, 60), NOW), method).toBe(true)
      expect(isRecentMailboxSignIn(amr(method, RECOVERY_WINDOW_SECONDS), NOW), method).toBe(true)
    }
  })

  it('refuses the same sign-ins once the window has passed', () => {
    for (const method of ['recovery', 'otp', 'magiclink']) {
      expect(isRecentMailboxSignIn(amr(method, RECOVERY_WINDOW_SECONDS + 1), NOW), method).toBe(false)
    }
  })

  it('refuses password, sign-up and anonymous sessions however new', () => {
    for (const method of ['password', 'email/signup', 'invite', 'anonymous', 'email_change']) {
      expect(isRecentMailboxSignIn(amr(method, 1), NOW), method).toBe(false)
    }
  })

  it('refuses missing, malformed and far-future claims', () => {
    expect(isRecentMailboxSignIn(null, NOW)).toBe(false)
    expect(isRecentMailboxSignIn({}, NOW)).toBe(false)
    expect(isRecentMailboxSignIn({ amr: 'recovery' }, NOW)).toBe(false)
    expect(isRecentMailboxSignIn({ amr: ['recovery'] }, NOW)).toBe(false)
    expect(isRecentMailboxSignIn({ amr: [{ method: 'recovery', timestamp: String(NOW) }] }, NOW)).toBe(false)
    expect(isRecentMailboxSignIn(amr('recovery', -3600), NOW)).toBe(false)
  })

  it('looks at every entry, not only the newest', () => {
    expect(
      isRecentMailboxSignIn(
        {
          amr: [
            { method: 'password', timestamp: NOW - 5 },
            { method: 'recovery', timestamp: NOW - 30 },
          ],
        },
        NOW,
      ),
    ).toBe(true)
  })
})
