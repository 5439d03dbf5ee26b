/**
 * Every Auth call comes from this server, so without help hosted Auth would count every visitor's
 * sign-ins, code checks and refreshes against one IP: ours. Hosted Auth reads the client IP from
 * `Sb-Forwarded-For` (its first value, when a valid IP) if "IP address forwarding" is on and, only
 * then, if the request carries a secret API key (`sb_secret_…`); the publishable/anon key is
 * ignored for it. This wraps fetch so that requests to `<SUPABASE_URL>/auth/v1/` (and nothing
 * else) carry the secret key as `apikey` and the visitor's IP. `Authorization` is left as it is:
 * the user's access token, or the anon key. The secret key never goes to any other host or path,
 * and never to Auth's admin API.
 */
import { isIP } from 'node:net'

/** The visitor's IP from the load context (server/index.mjs sets `clientIp` from `req.ip`). */
export function clientIpOf(context: unknown): string | undefined {
  const ip = (context as { clientIp?: unknown } | null | undefined)?.clientIp
  if (typeof ip !== 'string') return undefined
  // Express reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d.
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  return isIP(plain) ? plain : undefined
}

export interface ForwardingOptions {
  supabaseUrl: string
  secretKey: string | undefined
  clientIp: string | undefined
  fetch?: typeof fetch
}

/** A fetch for supabase-js's `global.fetch`, or undefined when there is nothing to forward. */
export function forwardingAuthFetch(options: ForwardingOptions): typeof fetch | undefined {
  const { secretKey, clientIp } = options
  if (!secretKey || !clientIp) return undefined
  const base = new URL(options.supabaseUrl)
  const authPath = `${base.pathname.replace(/\/+$/, '')}/auth/v1/`
  const send = options.fetch ?? fetch

  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const isAuth = url.origin === base.origin && url.pathname.startsWith(authPath) && !url.pathname.startsWith(`${authPath}admin/`)
    if (!isAuth) return send(input, init)
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.set('apikey', secretKey)
    headers.set('Sb-Forwarded-For', clientIp)
    return send(input, { ...init, headers })
  }
}
