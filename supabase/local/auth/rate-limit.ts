/**
 * Per-IP request limits from `[auth.rate_limit]` (§4.7). Fixed windows are enough here:
 * the point is that test suites and scripts hit the same 429s as on the CLI stack.
 * `SB_LOCAL_DISABLE_RATE_LIMITS=1` (config.rateLimitsDisabled) turns every limiter off.
 */
import type { AuthConfig } from '../config.ts'
import { overRequestRateLimit } from './errors.ts'

export type LimitBucket = 'signInSignUps' | 'tokenRefresh' | 'tokenVerifications' | 'anonymousUsers'

const WINDOW_SECONDS: Record<LimitBucket, number> = {
  signInSignUps: 300,
  tokenRefresh: 300,
  tokenVerifications: 300,
  anonymousUsers: 3600,
}

export interface RateLimiter {
  /** Counts one request from `ip` against `bucket`; throws 429 once the window is full. */
  hit(bucket: LimitBucket, ip: string): void
}

export function createRateLimiter(config: AuthConfig, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>()
  return {
    hit(bucket, ip) {
      if (config.rateLimitsDisabled) return
      const key = `${bucket}:${ip}`
      const windowMs = WINDOW_SECONDS[bucket] * 1000
      const current = windows.get(key)
      if (!current || now() - current.startedAt >= windowMs) {
        windows.set(key, { startedAt: now(), count: 1 })
        return
      }
      current.count += 1
      if (current.count > config.rateLimit[bucket]) throw overRequestRateLimit()
    },
  }
}
