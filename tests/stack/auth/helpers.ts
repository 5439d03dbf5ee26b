/** Small helpers shared by the Auth conformance tests. */
import { decodeJwt } from 'jose'
import { stack } from '../support/stack.ts'

/** The 6-digit code in an auth mail. */
export function otpFrom(text: string): string {
  const match = /enter the code: (\d{6})\b/.exec(text) ?? /\b(\d{6})\b/.exec(text)
  if (!match) throw new Error(`no OTP in mail: ${text}`)
  return match[1]
}

/** The `/auth/v1/verify?...` link in an auth mail. */
export function verifyLinkFrom(text: string): URL {
  const match = /https?:\/\/\S+\/auth\/v1\/verify\?\S+/.exec(text)
  if (!match) throw new Error(`no verify link in mail: ${text}`)
  return new URL(match[0])
}

/** The access token's claims the tests read, as Supabase Auth issues them. */
export interface AccessTokenClaims {
  sub: string
  email?: string
  iat: number
  exp: number
  session_id: string
  amr: { method: string; timestamp: number }[]
  app_metadata: Record<string, unknown>
  user_metadata: Record<string, unknown>
  [claim: string]: unknown
}

export const claimsOf = (accessToken: string) => decodeJwt(accessToken) as AccessTokenClaims

/** A raw call to Auth through the gateway, for headers and bodies supabase-js hides. */
export function authFetch(path: string, init: RequestInit & { key?: string | null } = {}) {
  const key = init.key === undefined ? stack.anonKey : init.key
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (key) Object.assign(headers, { apikey: key, Authorization: `Bearer ${key}` })
  return fetch(`${stack.apiUrl}/auth/v1${path}`, { ...init, headers: { ...headers, ...(init.headers as object) } })
}
