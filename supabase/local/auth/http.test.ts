import { describe, expect, it } from 'vitest'
import { sbForwardedIp } from './http.ts'

describe('sbForwardedIp', () => {
  it('takes the first value when it is an IP, as GoTrue does', () => {
    expect(sbForwardedIp('203.0.113.9')).toBe('203.0.113.9')
    expect(sbForwardedIp(' 203.0.113.9 , 10.0.0.1')).toBe('203.0.113.9')
    expect(sbForwardedIp('2001:db8::1')).toBe('2001:db8::1')
    expect(sbForwardedIp('::ffff:198.51.100.4')).toBe('198.51.100.4')
  })

  it('ignores anything else', () => {
    expect(sbForwardedIp(undefined)).toBeUndefined()
    expect(sbForwardedIp('')).toBeUndefined()
    expect(sbForwardedIp('not-an-ip, 203.0.113.9')).toBeUndefined()
    expect(sbForwardedIp('203.0.113.9:443')).toBeUndefined()
  })
})
