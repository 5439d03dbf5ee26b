/** Clients and helpers for tests that drive the stack started by the global setup. */
import { randomUUID } from 'node:crypto'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import { inject } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { ANON_KEY, JWT_SECRET, SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import './stack-info.ts'

const info = inject('stack')

export const stack = { ...info, anonKey: ANON_KEY, serviceRoleKey: SERVICE_ROLE_KEY, jwtSecret: JWT_SECRET }

/** supabase-js wants a WebSocket even when realtime is unused: Node 22+'s own, `ws` on Node 20. */
export function createTestClient(key: string, options: { accessToken?: string } = {}): SupabaseClient {
  return createClient(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: webSocketTransport },
    global: options.accessToken ? { headers: { Authorization: `Bearer ${options.accessToken}` } } : undefined,
  })
}

export const anonClient = () => createTestClient(ANON_KEY)
export const serviceClient = () => createTestClient(SERVICE_ROLE_KEY)

/** Superuser connection for arranging data and asserting on rows. */
export const db = new pg.Pool({ connectionString: stack.dbUrl, max: 3 })

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID()}@example.com`

/** A confirmed user signed in with a password: a client carrying that user's session. */
export async function signedInClient(prefix = 'user') {
  const email = uniqueEmail(prefix)
  const password = `pw-${randomUUID()}`
  const admin = serviceClient()
  const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true })
  if (error) throw error
  const client = anonClient()
  const signIn = await client.auth.signInWithPassword({ email, password })
  if (signIn.error) throw signIn.error
  return { client, user: data.user, email, password, session: signIn.data.session }
}

interface InboxMessageSummary {
  ID: string
  To: Array<{ Address: string }>
  Subject: string
  Created: string
}

export const inbox = {
  async messagesTo(email: string): Promise<InboxMessageSummary[]> {
    const response = await fetch(`${stack.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
    if (!response.ok) throw new Error(`inbox search failed: ${response.status}`)
    return ((await response.json()) as { messages: InboxMessageSummary[] }).messages
  },
  /** Waits briefly for the newest message to an address; mails are captured synchronously, but be lenient. */
  async latestMessageTo(email: string): Promise<{ Text: string; HTML: string; Subject: string }> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [latest] = await inbox.messagesTo(email)
      if (latest) {
        const response = await fetch(`${stack.inboxUrl}/api/v1/message/${latest.ID}`)
        return (await response.json()) as { Text: string; HTML: string; Subject: string }
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`no mail arrived for ${email}`)
  },
}
