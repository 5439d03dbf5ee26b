/** Rows 29–33: the admin user API. */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuxAuth } from '../support/aux-auth.ts'
import { anonClient, createTestClient, db, serviceClient, signedInClient, stack, uniqueEmail } from '../support/stack.ts'
import { authFetch, claimsOf } from './helpers.ts'

describe('listUsers pagination (isolated database)', () => {
  let aux: Awaited<ReturnType<typeof startAuxAuth>>
  beforeAll(async () => {
    // Other test files create users concurrently, so counting needs a database of its own.
    aux = await startAuxAuth({ isolatedDatabase: true })
  })
  afterAll(() => aux?.stop())

  it('row 29: page 1 of 2 per page over 3 users gives total 3, nextPage 2, lastPage 2', async () => {
    const admin = aux.admin()
    for (let i = 0; i < 3; i++) {
      const { error } = await admin.createUser({ email: uniqueEmail('list'), password: 'secret123' })
      expect(error).toBeNull()
    }
    const { data, error } = await admin.listUsers({ page: 1, perPage: 2 })
    expect(error).toBeNull()
    expect(data.users).toHaveLength(2)
    expect(data).toMatchObject({ total: 3, nextPage: 2, lastPage: 2 })
    const second = await admin.listUsers({ page: 2, perPage: 2 })
    expect(second.data.users).toHaveLength(1)
    expect(second.data).toMatchObject({ nextPage: null, lastPage: 2 })
  })
})

describe('admin lookups and updates', () => {
  it('row 30: an unknown id is 404 user_not_found; a banned user cannot sign in', async () => {
    const admin = serviceClient().auth.admin
    const missing = await admin.getUserById(randomUUID())
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' })

    const { user, email, password } = await signedInClient('banned')
    const banned = await admin.updateUserById(user.id, { ban_duration: '24h' })
    expect(banned.error).toBeNull()
    expect(new Date(banned.data.user!.banned_until!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)
    const { error } = await anonClient().auth.signInWithPassword({ email, password })
    expect(error).toMatchObject({ status: 400, code: 'user_banned' })

    await admin.updateUserById(user.id, { ban_duration: 'none' })
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toBeNull()
  })

  it('row 31: app_metadata edits keep provider and show up in the token after a refresh', async () => {
    const { client, user, session } = await signedInClient('tier')
    const updated = await serviceClient().auth.admin.updateUserById(user.id, { app_metadata: { tier: 'mod' } })
    expect(updated.data.user?.app_metadata).toMatchObject({ provider: 'email', tier: 'mod' })
    // The live token keeps the claims it was issued with.
    expect(claimsOf(session!.access_token).app_metadata.tier).toBeUndefined()
    const refreshed = await client.auth.refreshSession()
    expect(refreshed.error).toBeNull()
    expect(claimsOf(refreshed.data.session!.access_token).app_metadata).toMatchObject({ provider: 'email', tier: 'mod' })
  })

  it('row 32: deleteUser removes the user, cascades to app rows and kills the old token', async () => {
    const { user, session } = await signedInClient('deleted')
    await db.query('insert into public.auth_fixture_notes (user_id, body) values ($1, $2)', [user.id, 'bye'])
    const { error } = await serviceClient().auth.admin.deleteUser(user.id)
    expect(error).toBeNull()
    const notes = await db.query('select 1 from public.auth_fixture_notes where user_id = $1', [user.id])
    expect(notes.rowCount).toBe(0)
    const users = await db.query('select 1 from auth.users where id = $1', [user.id])
    expect(users.rowCount).toBe(0)
    const after = await createTestClient(stack.anonKey).auth.getUser(session!.access_token)
    expect(after.error?.status).toBe(403)
  })

  it('row 32: a soft delete keeps an anonymised row and ends the sessions', async () => {
    const { user, email } = await signedInClient('soft')
    const { error } = await serviceClient().auth.admin.deleteUser(user.id, true)
    expect(error).toBeNull()
    const { rows } = await db.query('select email, deleted_at from auth.users where id = $1', [user.id])
    expect(rows[0].deleted_at).not.toBeNull()
    expect(rows[0].email).not.toBe(email)
    const sessions = await db.query('select 1 from auth.sessions where user_id = $1', [user.id])
    expect(sessions.rowCount).toBe(0)
  })

  it('row 33: generateLink(magiclink) sends no mail and its hashed token signs in', async () => {
    const { email } = await signedInClient('link')
    const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'magiclink', email })
    expect(error).toBeNull()
    expect(data.properties?.action_link).toContain('/auth/v1/verify?token=')
    expect(data.properties?.email_otp).toMatch(/^\d{6}$/)
    expect(data.properties?.verification_type).toBe('magiclink')
    const response = await fetch(`${stack.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
    expect(((await response.json()) as { messages: unknown[] }).messages).toHaveLength(0)

    const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'magiclink' })
    expect(verified.error).toBeNull()
    expect(verified.data.session?.user.email).toBe(email)
  })
})

describe('listUsers pagination parameters (GoTrue parses each as an unsigned integer)', () => {
  const badParameter = (raw: string, reason = 'invalid syntax') => ({
    status: 400,
    code: 'validation_failed',
    message: `Bad Pagination Parameters: strconv.ParseUint: parsing "${raw}": ${reason}`,
  })

  it('a negative, fractional or non-numeric page or perPage is 400 validation_failed', async () => {
    const admin = serviceClient().auth.admin
    expect((await admin.listUsers({ page: -1 })).error).toMatchObject(badParameter('-1'))
    expect((await admin.listUsers({ page: 1, perPage: -5 })).error).toMatchObject(badParameter('-5'))
    expect((await admin.listUsers({ page: 1.5 })).error).toMatchObject(badParameter('1.5'))
    expect((await admin.listUsers({ page: 1, perPage: Number.NaN })).error).toMatchObject(badParameter('NaN'))
    const raw = await authFetch('/admin/users?page=%2B2&per_page=10', { key: stack.serviceRoleKey })
    expect(raw.status).toBe(400)
    expect(await raw.json()).toMatchObject({ code: 'validation_failed', msg: badParameter('+2').message })
  })

  it('a page beyond 64 bits is "value out of range"', async () => {
    const { error } = await serviceClient().auth.admin.listUsers({ page: 1e20 })
    expect(error).toMatchObject(badParameter('100000000000000000000', 'value out of range'))
  })

  it('page 0 reads as page 1, whose next page is 1 (GoTrue links from the page asked for)', async () => {
    const { data, error } = await serviceClient().auth.admin.listUsers({ page: 0, perPage: 1 })
    expect(error).toBeNull()
    expect(data.users).toHaveLength(1)
    expect(data).toMatchObject({ nextPage: 1 })
  })

  it('perPage 0 fails as GoTrue does (it divides by zero): a 500 that auth-js treats as retryable', async () => {
    const { error } = await serviceClient().auth.admin.listUsers({ page: 1, perPage: 0 })
    expect(error).toMatchObject({ name: 'AuthRetryableFetchError', status: 500 })
  })
})
