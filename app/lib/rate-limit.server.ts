/**
 * Per-address limits the Express layer cannot see, counted in the shared store (ADR 008):
 * - `codeAttempts`: 5 tries of a 6-digit code per address per 15 minutes, whatever the IP. Each
 *   try is counted before it is checked, so parallel guesses cannot slip past the count.
 * - `mailSends`: 3 sign-in, sign-up or recovery mails per address per 15 minutes, so one address
 *   cannot drain the project's hourly mail quota.
 * Addresses are stored as the SHA-256 of their lower-cased form. If the store cannot be reached
 * the caller refuses (fails closed): these paths need the same database to work at all.
 */
import { createHash } from 'node:crypto'
import { createPostgresStore } from '../../server/rate-limit-store.mjs'
import { env } from './env.server.ts'

const LIMITS = {
  codeAttempts: { bucket: 'code-attempts', limit: 5, windowSeconds: 15 * 60 },
  mailSends: { bucket: 'mail-sends', limit: 3, windowSeconds: 15 * 60 },
} as const

export type AddressLimit = keyof typeof LIMITS

export type AddressLimitResult =
  { ok: true } | { ok: false; reason: 'limited'; retryAfterSeconds: number } | { ok: false; reason: 'unavailable' }

let store: ReturnType<typeof createPostgresStore> | undefined

function getStore() {
  const key = env.SUPABASE_SERVICE_ROLE_KEY ?? env.SUPABASE_SECRET_KEY
  if (!key) throw new Error('Per-address rate limits need SUPABASE_SERVICE_ROLE_KEY (or SUPABASE_SECRET_KEY) on the server.')
  store ??= createPostgresStore({ url: env.SUPABASE_URL, key })
  return store
}

export const addressKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex')

/** Counts one use of `limit` for `email`. */
export async function hitAddressLimit(limit: AddressLimit, email: string): Promise<AddressLimitResult> {
  const { bucket, limit: max, windowSeconds } = LIMITS[limit]
  try {
    const result = await getStore().hit(bucket, addressKey(email), Math.round(max * env.RATE_LIMIT_MULTIPLIER), windowSeconds)
    return result.limited ? { ok: false, reason: 'limited', retryAfterSeconds: result.retryAfterSeconds } : { ok: true }
  } catch (error) {
    // Logged as a warning: the visitor gets a clear message, and the store's own failure shows
    // up in the server's rate-limit log and in Postgres, where it belongs.
    console.warn(`per-address rate limit ${bucket}: ${error instanceof Error ? error.message : String(error)}`)
    return { ok: false, reason: 'unavailable' }
  }
}

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60))
  return `${m} minute${m === 1 ? '' : 's'}`
}

/** What the form says, and the status the action answers with. */
export function addressLimitMessage(
  limit: AddressLimit,
  result: Exclude<AddressLimitResult, { ok: true }>,
): { message: string; status: number } {
  if (result.reason === 'unavailable') {
    return { message: 'Signing in is briefly unavailable. Please try again in a moment.', status: 503 }
  }
  const wait = minutes(result.retryAfterSeconds)
  if (limit === 'codeAttempts') {
    return { message: `Too many wrong codes for this address. For your security, please wait ${wait} before trying again.`, status: 429 }
  }
  return {
    message: `We’ve sent several e-mails to this address in the last few minutes. Please wait ${wait} before asking for another.`,
    status: 429,
  }
}
