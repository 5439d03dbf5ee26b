/**
 * An extra Auth server for conformance rows that need a different `[auth]` config than the
 * shared test stack (confirmations on, a 60 s mail frequency, a 1 s reuse interval…).
 * It talks to the stack's database — or to a private, freshly bootstrapped database when a
 * test must count rows without other test files interfering — and is driven with auth-js
 * directly, which is what supabase-js uses inside.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { AuthClient } from '@supabase/auth-js'
import pg from 'pg'
import { loadConfig, PROJECT_ROOT, type AuthConfig } from '../../../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY, createTokenSigner } from '../../../supabase/local/keys.ts'
import { startAuthServer } from '../../../supabase/local/auth/server.ts'
import type { OutgoingMail } from '../../../supabase/local/types.ts'
import { stack } from './stack.ts'

const AUTH_SQL = path.join(PROJECT_ROOT, 'supabase/local/postgres/bootstrap/20-auth.sql')

export interface AuxAuthOptions {
  auth?: Partial<Omit<AuthConfig, 'email'>> & { email?: Partial<AuthConfig['email']> }
  /** Use a new database holding only the auth schema, dropped again by `stop()`. */
  isolatedDatabase?: boolean
}

export async function startAuxAuth(options: AuxAuthOptions = {}) {
  const base = loadConfig({ projectRoot: path.join(PROJECT_ROOT, 'tests/stack/fixture'), env: {} as NodeJS.ProcessEnv }).auth
  const auth: AuthConfig = {
    ...base,
    rateLimitsDisabled: true,
    ...options.auth,
    email: { ...base.email, ...options.auth?.email },
  }
  const database = options.isolatedDatabase ? await createIsolatedDatabase() : null
  const mails: OutgoingMail[] = []
  const server = await startAuthServer({
    auth,
    apiExternalUrl: stack.apiUrl,
    dbUrl: database ? database.authUrl : stack.authDbUrl,
    signer: await createTokenSigner(stack.jwtMode, stack.stateDir),
    mailer: { send: async (mail) => void mails.push(mail) },
    log: () => {},
    port: 0,
  })
  const client = (key = ANON_KEY) =>
    new AuthClient({
      url: server.url,
      headers: { apikey: key, Authorization: `Bearer ${key}` },
      persistSession: false,
      autoRefreshToken: false,
    })
  return {
    url: server.url,
    mails,
    /** A fresh auth-js client, as an anonymous browser would hold. */
    client: () => client(),
    admin: () => client(SERVICE_ROLE_KEY).admin,
    async stop() {
      await server.stop()
      await database?.drop()
    },
  }
}

async function createIsolatedDatabase() {
  const name = `auth_isolated_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: stack.dbUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(stack.dbUrl)
  url.pathname = `/${name}`
  const setup = new pg.Client({ connectionString: url.toString() })
  await setup.connect()
  await setup.query(readFileSync(AUTH_SQL, 'utf8'))
  await setup.end()
  const authUrl = new URL(stack.authDbUrl)
  authUrl.pathname = `/${name}`
  return {
    authUrl: authUrl.toString(),
    async drop() {
      await admin.query(`drop database ${name} with (force)`)
      await admin.end()
    },
  }
}
