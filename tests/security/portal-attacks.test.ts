/**
 * Attacks on the running portal (issue 9 §2–4), against production builds on a private stack:
 * cross-site writes, side-stepping the sign-in rate limit, guessing a 6-digit code from many IPs,
 * draining the mail quota, and one visitor locking everybody out of hosted Auth.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formPost, startAttackPortal, type PortalFixture } from './support/portal-fixture.ts'

let portal: PortalFixture
beforeAll(async () => {
  portal = await startAttackPortal()
}, 900_000)
afterAll(async () => {
  await portal?.stop()
}, 120_000)

const EVIL = 'https://evil.example'
const uniqueIp = (() => {
  let next = 1
  return (prefix = '203.0.113') => `${prefix}.${next++}`
})()
const hasAuthCookie = (response: Response) => response.headers.getSetCookie().some((c) => /^sb-[^=]+-auth-token/.test(c))

describe('§2 cross-site requests get a clean 403', () => {
  it('refuses every form POST, as a document and as .data, and changes nothing', async () => {
    const { servers, db } = portal
    const user = await portal.createUser('csrf')
    const victim = await portal.createUser('csrf-victim')
    const cookie = await portal.signIn(victim, uniqueIp())
    const displayName = (await db.query(`select display_name from public.profiles where id = $1`, [victim.id])).rows[0].display_name
    const {
      rows: [ask],
    } = await db.query<{ id: number }>(`select id::int from public.opportunities order by id limit 1`)
    const newEmail = `security-csrf-signup-${randomUUID()}@example.com`
    const targets: Array<{ path: string; fields: Record<string, string>; cookie?: string }> = [
      { path: '/login', fields: { intent: 'password', email: user.email, password: user.password } },
      { path: '/signup', fields: { displayName: 'Forged', email: newEmail, password: 'Forged-password-123' } },
      { path: '/verify-code', fields: { email: user.email, code: '123456' } },
      { path: '/logout', fields: {}, cookie },
      { path: '/profile', fields: { displayName: 'Forged name' }, cookie },
      { path: `/opportunities/${ask.id}`, fields: { intent: 'accept' }, cookie },
    ]
    const before = portal.stderr.join('').length
    for (const target of targets) {
      for (const path of [target.path, `${target.path}.data`, `${target.path}?index`]) {
        const response = await formPost(servers.a, path, target.fields, { origin: EVIL, cookie: target.cookie })
        expect(response.status, `POST ${path}`).toBe(403)
        expect(response.headers.get('set-cookie'), `POST ${path}`).toBeNull()
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(await response.text()).toBe('Cross-site request refused.')
      }
      // No Origin, but the browser says it is cross-site.
      const fetchMetadata = await formPost(servers.a, target.path, target.fields, {
        origin: null,
        cookie: target.cookie,
        headers: { 'Sec-Fetch-Site': 'cross-site' },
      })
      expect(fetchMetadata.status, `POST ${target.path} (Sec-Fetch-Site)`).toBe(403)
    }

    // Nothing changed: no account, the same profile, no ask taken, and the session still works.
    expect((await db.query(`select 1 from auth.users where email = $1`, [newEmail])).rowCount).toBe(0)
    expect((await db.query(`select display_name from public.profiles where id = $1`, [victim.id])).rows[0].display_name).toBe(displayName)
    expect((await db.query(`select 1 from public.ask_ledger where profile_id = $1`, [victim.id])).rowCount).toBe(0)
    const home = await fetch(`${servers.a}/profile`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(home.status).toBe(200)
    // Nothing in the server's log: a refused attack is not a server error.
    expect(portal.stderr.join('').slice(before)).toBe('')
  }, 180_000)

  it('a POST to a page without an action is a quiet 405, not a logged stack trace', async () => {
    const before = portal.stderr.join('').length
    for (const path of ['/healthz', '/healthz.data', '/feed.data']) {
      const response = await formPost(portal.servers.a, path, { anything: 'x' }, { ip: uniqueIp() })
      expect(response.status, `POST ${path}`).toBe(405)
    }
    expect(portal.stderr.join('').slice(before)).toBe('')
  }, 60_000)

  it('still serves the same requests from the portal itself', async () => {
    const user = await portal.createUser('same-origin')
    const signIn = await formPost(
      portal.servers.a,
      '/login',
      { intent: 'password', email: user.email, password: user.password },
      { ip: uniqueIp() },
    )
    expect(signIn.status).toBe(302)
    expect(hasAuthCookie(signIn)).toBe(true)
  }, 180_000)
})

describe('§3 rate limits that cannot be side-stepped', () => {
  it('11 POST /VERIFY-CODE from one IP: the 11th is 429, though they alternate between two instances', async () => {
    const { a, b } = portal.servers
    const ip = uniqueIp()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const server = i % 2 === 0 ? a : b
      // A new address every time, so only the per-IP limit can be what refuses.
      const email = `security-verify-${randomUUID()}@example.com`
      statuses.push((await formPost(server, '/VERIFY-CODE', { email, code: '000000' }, { ip })).status)
    }
    expect(
      statuses.slice(0, 10).every((s) => s !== 429),
      statuses.join(','),
    ).toBe(true)
    expect(statuses[10], statuses.join(',')).toBe(429)
  }, 180_000)

  it('the first X-Forwarded-For entry is not the client: inventing one each time does not reset the count', async () => {
    const { a, b } = portal.servers
    const realIp = uniqueIp()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const email = `security-xff-${randomUUID()}@example.com`
      statuses.push((await formPost(i % 2 ? a : b, '/%6Cogin', { email }, { ip: `10.9.8.${i}, ${realIp}` })).status)
    }
    expect(statuses[10], statuses.join(',')).toBe(429)
  }, 180_000)

  it('six wrong codes for one address from six IPs: the sixth is refused, and so is the right code after it', async () => {
    const { a, b } = portal.servers
    const user = await portal.createUser('code-guess')
    const sent = await formPost(a, '/login', { email: user.email }, { ip: uniqueIp() })
    expect(sent.status).toBe(302)
    const rightCode = await portal.latestCode(user.email)
    const wrongCode = rightCode === '000000' ? '111111' : '000000'
    const answers: Array<{ status: number; text: string }> = []
    for (let i = 0; i < 6; i++) {
      const response = await formPost(i % 2 ? b : a, '/verify-code', { email: user.email, code: wrongCode }, { ip: uniqueIp('198.51.100') })
      answers.push({ status: response.status, text: await response.text() })
    }
    for (const answer of answers.slice(0, 5)) {
      expect(answer.status).toBe(400)
      expect(answer.text).not.toContain('Too many wrong codes')
    }
    expect(answers[5].status).toBe(429)
    expect(answers[5].text).toContain('Too many wrong codes for this address')
    const right = await formPost(a, '/verify-code', { email: user.email, code: rightCode }, { ip: uniqueIp('198.51.100') })
    expect(right.status).toBe(429)
    expect(hasAuthCookie(right)).toBe(false)
  }, 180_000)
})

describe('§4 sign-in keeps working under hosted Auth limits', () => {
  it('sends at most 3 mails to one address in 15 minutes, whoever asks and whether or not it has an account', async () => {
    const { a, b } = portal.servers
    const user = await portal.createUser('mail-quota')
    for (const email of [user.email, `security-nobody-${randomUUID()}@example.com`]) {
      const texts: Array<{ status: number; text: string }> = []
      for (let i = 0; i < 4; i++) {
        const response = await formPost(i % 2 ? b : a, '/login', { email }, { ip: uniqueIp('192.0.2') })
        texts.push({ status: response.status, text: await response.text() })
      }
      for (const answer of texts.slice(0, 3)) expect(answer.text).not.toContain('sent several e-mails')
      expect(texts[3].status).toBe(429)
      expect(texts[3].text).toContain('We’ve sent several e-mails to this address')
    }
    const forgot = await formPost(a, '/forgot-password', { email: user.email }, { ip: uniqueIp('192.0.2') })
    expect(forgot.status).toBe(429)
  }, 180_000)

  it('31 bad passwords from client IP A, then a good sign-in from client IP B succeeds', async () => {
    const server = portal.servers.generous
    const victim = await portal.createUser('lockout')
    const attackerIp = uniqueIp('198.18.0')
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (await formPost(server, '/login', { intent: 'password', email: victim.email, password: `wrong-${i}` }, { ip: attackerIp })).status,
      )
    }
    // Auth's own limit (30 per 5 minutes per IP) stops the attacker…
    expect(
      statuses.slice(0, 30).every((s) => s === 400),
      statuses.join(','),
    ).toBe(true)
    expect(statuses[30]).toBe(429)
    // …and only the attacker.
    const good = await formPost(
      server,
      '/login',
      { intent: 'password', email: victim.email, password: victim.password },
      { ip: uniqueIp('198.18.0') },
    )
    expect(good.status).toBe(302)
    expect(hasAuthCookie(good)).toBe(true)
  }, 180_000)

  it('without the secret key (hosted Auth sees only the portal), the same attack locks everybody out', async () => {
    const server = portal.servers.withoutSecretKey
    const victim = await portal.createUser('lockout-control')
    const attackerIp = uniqueIp('198.18.1')
    for (let i = 0; i < 31; i++) {
      await formPost(server, '/login', { intent: 'password', email: victim.email, password: `wrong-${i}` }, { ip: attackerIp })
    }
    const good = await formPost(
      server,
      '/login',
      { intent: 'password', email: victim.email, password: victim.password },
      { ip: uniqueIp('198.18.1') },
    )
    expect(good.status).toBe(429)
  }, 180_000)
})
