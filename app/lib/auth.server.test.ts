/** The guards against the private test stack: who gets through, and where everyone else goes. */
import { describe, expect, it } from 'vitest'
import { serviceClient } from '../../tests/stack/support/stack.ts'
import { args, asData, CookieJar, createConfirmedUser, formRequest, getRequest, settle } from '../test/auth-harness.ts'

// The harness points the env at the test stack; the server modules read it when imported.
const { requireAdmin, requireAnonymous, requireUser } = await import('./auth.server.ts')
const login = await import('../routes/_auth.login.server.ts')

async function signedInCookie(user: { email: string; password: string }) {
  const response = await settle(() =>
    login.action(args(formRequest('/login', { intent: 'password', email: user.email, password: user.password }))),
  )
  expect(response.status).toBe(302)
  return new CookieJar().absorb(response.headers).header()
}

describe('requireUser', () => {
  it('sends a visitor without a session to sign-in, remembering where they were going', async () => {
    const response = await settle(() => requireUser(getRequest('/asks/42?tab=open')))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fasks%2F42%3Ftab%3Dopen')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('does not carry a path that would leave the site', async () => {
    const response = await settle(() => requireUser(getRequest('http://127.0.0.1:3000//evil.example/x')))
    expect(response.headers.get('Location')).toBe('/login')
  })

  it('treats a forged or stale cookie as signed out', async () => {
    const response = await settle(() => requireUser(getRequest('/', { cookie: 'sb-127-auth-token=base64-eyJub3QiOiJhIHNlc3Npb24ifQ' })))
    expect(response.headers.get('Location')).toBe('/login')
  })

  it('returns the user, verified by the Auth server, with the advocate role by default', async () => {
    const user = await createConfirmedUser()
    const cookie = await signedInCookie(user)
    const auth = await requireUser(getRequest('/', { cookie }))
    expect(auth.user.id).toBe(user.id)
    expect(auth.role).toBe('advocate')
  })

  it('does not trust a role the user wrote into their own metadata', async () => {
    const user = await createConfirmedUser()
    const cookie = await signedInCookie(user)
    const { supabase } = await requireUser(getRequest('/', { cookie }))
    const updated = await supabase.auth.updateUser({ data: { role: 'admin' } })
    expect(updated.data.user?.user_metadata.role).toBe('admin')
    await expect(settle(() => requireAdmin(getRequest('/admin', { cookie })))).resolves.toMatchObject({ status: 403 })
  })
})

describe('requireAdmin', () => {
  it('answers 403 to an advocate', async () => {
    const cookie = await signedInCookie(await createConfirmedUser())
    const response = await settle(() => requireAdmin(getRequest('/admin', { cookie })))
    expect(response.status).toBe(403)
  })

  it('refuses an admin whose role was revoked, though their token still says admin', async () => {
    const user = await createConfirmedUser({ role: 'admin' })
    const cookie = await signedInCookie(user)
    const { data } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: 1000 })
    const id = data.users.find((u) => u.email === user.email)!.id
    await serviceClient().auth.admin.updateUserById(id, { app_metadata: { role: null } })
    const response = await settle(() => requireAdmin(getRequest('/admin', { cookie })))
    expect(response.status).toBe(403)
  })

  it('lets an admin through', async () => {
    const user = await createConfirmedUser({ role: 'admin' })
    const auth = await requireAdmin(getRequest('/admin', { cookie: await signedInCookie(user) }))
    expect(auth.role).toBe('admin')
    expect(auth.user.email).toBe(user.email)
  })

  it('sends a visitor without a session to sign-in rather than answering 403', async () => {
    const response = await settle(() => requireAdmin(getRequest('/admin')))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin')
  })
})

describe('requireAnonymous', () => {
  it('lets a visitor without a session through', async () => {
    const result = await requireAnonymous(getRequest('/login'))
    expect(result.supabase).toBeDefined()
  })

  it('sends a signed-in visitor on to the safe redirectTo', async () => {
    const cookie = await signedInCookie(await createConfirmedUser())
    const onward = await settle(() => requireAnonymous(getRequest('/login?redirectTo=%2Ffeed', { cookie })))
    expect(onward.status).toBe(302)
    expect(onward.headers.get('Location')).toBe('/feed')
    const unsafe = await settle(() => requireAnonymous(getRequest('/login?redirectTo=https%3A%2F%2Fevil.example', { cookie })))
    expect(unsafe.headers.get('Location')).toBe('/')
  })

  it('guards the sign-in page loader', async () => {
    const cookie = await signedInCookie(await createConfirmedUser())
    const response = await settle(() => login.loader(args(getRequest('/login?redirectTo=%2Fwall', { cookie }))))
    expect(response.headers.get('Location')).toBe('/wall')
    const anonymous = asData<{ mode: string }>(await login.loader(args(getRequest('/login?mode=password'))))
    expect(anonymous.data.mode).toBe('password')
  })
})
