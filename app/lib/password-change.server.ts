/**
 * Who may change a password, and how (ADR 009). A session that was itself created from the
 * visitor's mailbox a few minutes ago (the recovery link, or a code or link from one of our
 * mails) may set a new password directly: it has just proved what a fresh code proves. Any other
 * session must first get a code from `GET /reauthenticate` and send it back.
 *
 * Hosted Auth checks that code only when the session is older than 24 hours, and ignores it
 * otherwise, so the portal checks it itself before it calls `updateUser({ password, nonce })`:
 * `check_reauthentication_nonce` compares it with the hash Auth stored for the user, with the
 * service-role key. Without that key the check fails closed.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { webSocketTransport } from './websocket.server.ts'
import type { Database } from '../../supabase/functions/_shared/database.types.ts'
import { env } from './env.server.ts'

/** How long after a mailbox sign-in the session may set a password without a new code. */
export const RECOVERY_WINDOW_SECONDS = 10 * 60
/** A code older than this is refused even though Auth would still take it (`otp_expiry`: 1 hour). */
export const REAUTHENTICATION_CODE_MAX_AGE_SECONDS = 15 * 60

/**
 * `amr` methods that mean "signed in from the mailbox": `recovery` (the reset link, PKCE),
 * `otp` (a typed code, including the recovery code, or an implicit-flow link) and `magiclink`.
 */
const MAILBOX_METHODS = new Set(['recovery', 'otp', 'magiclink'])

interface AmrEntry {
  method?: unknown
  timestamp?: unknown
}

/** Whether verified token claims show a mailbox sign-in within the recovery window. */
export function isRecentMailboxSignIn(claims: { amr?: unknown } | null | undefined, nowSeconds = Date.now() / 1000): boolean {
  const amr = Array.isArray(claims?.amr) ? (claims.amr as AmrEntry[]) : []
  return amr.some(
    (entry) =>
      typeof entry?.method === 'string' &&
      MAILBOX_METHODS.has(entry.method) &&
      typeof entry.timestamp === 'number' &&
      entry.timestamp <= nowSeconds + 60 &&
      nowSeconds - entry.timestamp <= RECOVERY_WINDOW_SECONDS,
  )
}

/** The session's mode, from the verified access token (never from the cookie's contents alone). */
export async function passwordChangeMode(supabase: SupabaseClient): Promise<'recovery' | 'code'> {
  const { data, error } = await supabase.auth.getClaims()
  if (error || !data?.claims) return 'code'
  return isRecentMailboxSignIn(data.claims) ? 'recovery' : 'code'
}

export type CodeCheck = 'valid' | 'invalid' | 'expired' | 'locked' | 'unavailable'

let serviceClient: SupabaseClient<Database> | null = null

function getServiceClient(): SupabaseClient<Database> | null {
  if (!env.SUPABASE_SERVICE_ROLE_KEY) return null
  serviceClient ??= createClient<Database>(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: webSocketTransport },
  })
  return serviceClient
}

/** Is `code` the one Auth last mailed this user from `GET /reauthenticate`, and still fresh? */
export async function checkReauthenticationCode(userId: string, code: string): Promise<CodeCheck> {
  const client = getServiceClient()
  if (!client) {
    console.error('password change refused: SUPABASE_SERVICE_ROLE_KEY is not set, so the e-mailed code cannot be checked')
    return 'unavailable'
  }
  const { data, error } = await client.rpc('check_reauthentication_nonce', {
    p_user_id: userId,
    p_nonce: code,
    p_max_age_seconds: REAUTHENTICATION_CODE_MAX_AGE_SECONDS,
  })
  if (error) {
    console.error(`password change refused: the code check failed (${error.code ?? ''} ${error.message})`)
    return 'unavailable'
  }
  return data === 'valid' || data === 'invalid' || data === 'expired' || data === 'locked' ? data : 'unavailable'
}

/**
 * After a password change, moves the visitor to a brand-new session and ends the one they used.
 * Auth keeps the session that made the change alive, so without this a copied cookie of that
 * very session would outlive the change meant to shut its thief out. Best effort: the password is
 * already changed, so a failure here only leaves the old session as Auth would have.
 */
export async function replaceSession(
  supabase: SupabaseClient,
  email: string,
  password: string,
  oldAccessToken: string | undefined,
): Promise<void> {
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) {
    console.warn(`password changed, but the session was not replaced: ${error.code ?? error.message}`)
    return
  }
  if (oldAccessToken) {
    const { error: signOutError } = await supabase.auth.admin.signOut(oldAccessToken, 'local')
    if (signOutError) console.warn(`password changed, but the old session was not ended: ${signOutError.code ?? signOutError.message}`)
  }
}
