/**
 * Vitest support for the auth loaders and actions: points the app's env at the private test stack
 * (started by the global setup) before the server modules read it, builds requests, and turns
 * Set-Cookie answers into the Cookie header a browser would send next.
 */
import { randomUUID } from 'node:crypto'
import { vi } from 'vitest'
import { serviceClient, stack, uniqueEmail } from '../../tests/stack/support/stack.ts'

export const APP_ORIGIN = 'http://127.0.0.1:3000'

vi.stubEnv('SUPABASE_URL', stack.apiUrl)
vi.stubEnv('SUPABASE_ANON_KEY', stack.anonKey)
vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', stack.serviceRoleKey)
// The fixture project has no `hit_rate_limit`, so the per-address limits count in memory here;
// the shared store has its own tests (tests/db/rate-limits.test.ts, tests/security/).
vi.mock('../../server/rate-limit-store.mjs', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/rate-limit-store.mjs')>()
  return { ...original, createPostgresStore: () => original.createMemoryStore() }
})

export async function createConfirmedUser(options: { role?: 'admin'; displayName?: string } = {}) {
  const email = uniqueEmail('app-auth')
  const password = `Pw-${randomUUID()}`
  const { data, error } = await serviceClient().auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: options.displayName ?? 'Test Advocate' },
    app_metadata: options.role ? { role: options.role } : {},
  })
  if (error) throw error
  return { id: data.user.id, email, password }
}

export function formRequest(
  path: string,
  fields: Record<string, string>,
  init: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) body.set(key, value)
  return new Request(new URL(path, APP_ORIGIN), {
    method: 'POST',
    body,
    headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
  })
}

export function getRequest(path: string, init: { cookie?: string; origin?: string; headers?: Record<string, string> } = {}) {
  return new Request(new URL(path, init.origin ?? APP_ORIGIN), {
    headers: { ...(init.cookie ? { Cookie: init.cookie } : {}), ...init.headers },
  })
}

export const args = (request: Request) => ({ request, params: {}, context: {} })

/** A thrown or returned loader/action result, as a Response. */
export async function settle(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run()
    if (result instanceof Response) return result
    throw new Error(`expected a Response, got ${JSON.stringify(result)}`)
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

/** Remix's `data()` result: the value and its init. */
export function asData<T>(result: unknown): { data: T; init: { status?: number; headers?: HeadersInit } } {
  const value = result as { type?: string; data: T; init: { status?: number; headers?: HeadersInit } | null }
  if (value?.type !== 'DataWithResponseInit') throw new Error(`expected data(), got ${String(result)}`)
  return { data: value.data, init: value.init ?? {} }
}

/** Merges Set-Cookie answers into a jar and renders it as a Cookie header. */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  absorb(headers: Headers | HeadersInit | undefined): this {
    for (const line of new Headers(headers).getSetCookie()) {
      const [pair] = line.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1)
      if (/max-age=0\b/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return this
  }

  names(): string[] {
    return [...this.cookies.keys()]
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

export function otpFrom(text: string): string {
  const code = /enter the code: (\d{6})/.exec(text)?.[1]
  if (!code) throw new Error(`no code in mail: ${text}`)
  return code
}

export function linkFrom(text: string): string {
  const link = /(http\S+\/auth\/v1\/verify\?\S+)/.exec(text)?.[1]
  if (!link) throw new Error(`no link in mail: ${text}`)
  return link
}
