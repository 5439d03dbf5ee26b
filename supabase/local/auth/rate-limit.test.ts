import { expect, it } from 'vitest'
import type { AuthConfig } from '../config.ts'
import { createRateLimiter } from './rate-limit.ts'

const config = (rateLimitsDisabled: boolean) =>
  ({ rateLimitsDisabled, rateLimit: { signInSignUps: 2, tokenRefresh: 2, tokenVerifications: 2, anonymousUsers: 2 } }) as AuthConfig

it('allows the configured number per window and per IP, then 429s until the window passes', () => {
  let now = 0
  const limiter = createRateLimiter(config(false), () => now)
  limiter.hit('signInSignUps', '1.1.1.1')
  limiter.hit('signInSignUps', '1.1.1.1')
  expect(() => limiter.hit('signInSignUps', '1.1.1.1')).toThrow(expect.objectContaining({ status: 429, code: 'over_request_rate_limit' }))
  limiter.hit('signInSignUps', '2.2.2.2')
  now = 300_000
  limiter.hit('signInSignUps', '1.1.1.1')
})

it('does nothing when rate limits are disabled', () => {
  const limiter = createRateLimiter(config(true))
  for (let i = 0; i < 10; i++) limiter.hit('tokenRefresh', '1.1.1.1')
})
