import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('SB_LOCAL_AUTH_RATE_LIMITS', () => {
  it('overrides [auth.rate_limit] for tests of the limits themselves', () => {
    const base = loadConfig({ env: {} as NodeJS.ProcessEnv }).auth.rateLimit
    const overridden = loadConfig({
      env: { SB_LOCAL_AUTH_RATE_LIMITS: 'token_refresh=30,sign_in_sign_ups=5' } as unknown as NodeJS.ProcessEnv,
    }).auth.rateLimit
    expect(overridden).toEqual({ ...base, tokenRefresh: 30, signInSignUps: 5 })
  })

  it('refuses a value it does not understand', () => {
    expect(() => loadConfig({ env: { SB_LOCAL_AUTH_RATE_LIMITS: 'email_sent=1' } as unknown as NodeJS.ProcessEnv })).toThrow()
  })
})
