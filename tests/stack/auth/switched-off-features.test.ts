/**
 * Features the local Auth does not implement answer as Supabase Auth does with them switched
 * off (SAML, manual linking, MFA enrolment, OIDC and Web3 providers, phone sign-in, passkeys,
 * the OAuth server, custom providers), through the supabase-js calls that reach them.
 */
import { randomUUID } from 'node:crypto'
import { createClient } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import { anonClient, serviceClient, signedInClient, stack } from '../support/stack.ts'
import { authFetch } from './helpers.ts'

/** An unsigned JWT-shaped token carrying only an issuer: enough for GoTrue's issuer detection. */
const idTokenFrom = (iss: string) =>
  [{ alg: 'none' }, { iss, sub: 'x' }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.sig'

describe('signInWithOAuth (no provider enabled)', () => {
  it('the authorize URL answers 400 validation_failed: a known provider is not enabled, others are not found', async () => {
    const { data, error } = await anonClient().auth.signInWithOAuth({ provider: 'github', options: { skipBrowserRedirect: true } })
    expect(error).toBeNull()
    const github = await fetch(data.url!, { redirect: 'manual' })
    expect(github.status).toBe(400)
    expect(await github.json()).toMatchObject({ code: 'validation_failed', msg: 'Unsupported provider: provider is not enabled' })
    const unknown = await authFetch('/authorize?provider=myspace', { redirect: 'manual' })
    expect(await unknown.json()).toMatchObject({
      code: 'validation_failed',
      msg: 'Unsupported provider: Provider myspace could not be found',
    })
  })
})

describe('SSO (SAML 2.0 off)', () => {
  it('signInWithSSO by domain and by provider id answer 404 saml_provider_disabled', async () => {
    for (const params of [{ domain: 'example.com' }, { providerId: randomUUID() }]) {
      const { data, error } = await anonClient().auth.signInWithSSO(params)
      expect(data).toBeNull()
      expect(error).toMatchObject({ status: 404, code: 'saml_provider_disabled', message: 'SAML 2.0 is disabled' })
    }
  })

  it('the SAML metadata and ACS endpoints answer the same', async () => {
    const metadata = await authFetch('/sso/saml/metadata')
    expect(metadata.status).toBe(404)
    expect(await metadata.json()).toMatchObject({ code: 'saml_provider_disabled', msg: 'SAML 2.0 is disabled' })
    const acs = await authFetch('/sso/saml/acs', { method: 'POST', body: '{}' })
    expect(acs.status).toBe(404)
  })
})

describe('manual identity linking (off)', () => {
  it('linkIdentity and unlinkIdentity answer 404 manual_linking_disabled for a signed-in user', async () => {
    const { client, user } = await signedInClient('link')
    const linked = await client.auth.linkIdentity({ provider: 'github', options: { skipBrowserRedirect: true } })
    expect(linked.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' })

    const unlinked = await client.auth.unlinkIdentity(user.identities![0])
    expect(unlinked.error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' })
  })

  it('the sign-in check comes first: the anon key alone is refused as a JWT without a user', async () => {
    const response = await authFetch('/user/identities/authorize?provider=github&skip_http_redirect=true')
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ code: 'bad_jwt', msg: 'invalid claim: missing sub claim' })
  })
})

describe('MFA (enrolment off, as in the CLI config)', () => {
  it('enrolling any factor type answers 422 with the type-specific code', async () => {
    const { client } = await signedInClient('mfa')
    const totp = await client.auth.mfa.enroll({ factorType: 'totp' })
    expect(totp.error).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled', message: 'MFA enroll is disabled for TOTP' })
    const phone = await client.auth.mfa.enroll({ factorType: 'phone', phone: '+15555550100' })
    expect(phone.error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled', message: 'MFA enroll is disabled for Phone' })
  })

  it('challenge, verify and unenroll find no factor', async () => {
    const { client } = await signedInClient('mfa')
    const factorId = randomUUID()
    const notFound = { status: 404, code: 'mfa_factor_not_found', message: 'Factor not found' }
    expect((await client.auth.mfa.challenge({ factorId })).error).toMatchObject(notFound)
    expect((await client.auth.mfa.verify({ factorId, challengeId: randomUUID(), code: '123456' })).error).toMatchObject(notFound)
    expect((await client.auth.mfa.unenroll({ factorId })).error).toMatchObject(notFound)
    const malformed = await client.auth.mfa.unenroll({ factorId: 'not-a-uuid' })
    expect(malformed.error).toMatchObject({ status: 404, code: 'validation_failed', message: 'factor_id must be an UUID' })
  })

  it('/factors needs a bearer token (401), and a user token (the anon key gets 403 bad_jwt)', async () => {
    // The gateway turns a missing Authorization into `Bearer <apikey>`, as Kong does; a
    // non-Bearer scheme reaches Auth as it is.
    const bare = await authFetch('/factors', {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` },
      body: JSON.stringify({ factor_type: 'totp' }),
    })
    expect(bare.status).toBe(401)
    expect(await bare.json()).toMatchObject({ code: 'no_authorization', msg: 'This endpoint requires a valid Bearer token' })

    const signedOut = await anonClient().auth.mfa.challenge({ factorId: randomUUID() })
    expect(signedOut.error).toMatchObject({ status: 403, code: 'bad_jwt' })
  })

  it('admin: a user has no factors, and deleting one finds none', async () => {
    const { user } = await signedInClient('mfa-admin')
    const admin = serviceClient().auth.admin
    const listed = await admin.mfa.listFactors({ userId: user.id })
    expect(listed.error).toBeNull()
    expect(listed.data).toEqual({ factors: [] })
    const deleted = await admin.mfa.deleteFactor({ userId: user.id, id: randomUUID() })
    expect(deleted.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found', message: 'Factor not found' })
    const unknownUser = await admin.mfa.listFactors({ userId: randomUUID() })
    expect(unknownUser.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' })
  })
})

describe('signInWithIdToken (no OIDC provider enabled)', () => {
  it('a built-in provider answers 400 provider_disabled naming its issuer', async () => {
    const google = await anonClient().auth.signInWithIdToken({ provider: 'google', token: 'any.id.token' })
    expect(google.error).toMatchObject({
      status: 400,
      code: 'provider_disabled',
      message: 'Provider (issuer "https://accounts.google.com") is not enabled',
    })
    const apple = await anonClient().auth.signInWithIdToken({ provider: 'apple', token: idTokenFrom('https://appleid.apple.com') })
    expect(apple.error).toMatchObject({
      status: 400,
      code: 'provider_disabled',
      message: 'Provider (issuer "https://appleid.apple.com") is not enabled',
    })
  })

  it('Apple and Azure read the issuer from the token first; other names are not allowed', async () => {
    const unreadable = await anonClient().auth.signInWithIdToken({ provider: 'apple', token: 'not-a-jwt' })
    expect(unreadable.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to detect issuer in ID token for Apple provider',
    })
    const foreign = await anonClient().auth.signInWithIdToken({ provider: 'azure', token: idTokenFrom('https://accounts.google.com') })
    expect(foreign.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Detected ID token issuer is not an Azure ID token issuer',
    })
    const custom = await anonClient().auth.signInWithIdToken({ provider: 'my-idp', token: 'any.id.token' })
    expect(custom.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Custom OIDC provider "my-idp" not allowed' })
  })

  it('a missing token is an OAuth-style invalid request', async () => {
    const { error } = await anonClient().auth.signInWithIdToken({ provider: 'google', token: '' })
    expect(error).toMatchObject({ status: 400, message: 'id_token required' })
  })
})

describe('signInWithWeb3 (no chain enabled)', () => {
  it('Solana and Ethereum sign-ins answer 422 web3_provider_disabled', async () => {
    const solana = await anonClient().auth.signInWithWeb3({ chain: 'solana', message: 'Sign in', signature: new Uint8Array(64) })
    expect(solana.error).toMatchObject({ status: 422, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' })
    const ethereum = await anonClient().auth.signInWithWeb3({ chain: 'ethereum', message: 'Sign in', signature: `0x${'00'.repeat(65)}` })
    expect(ethereum.error).toMatchObject({ status: 422, code: 'web3_provider_disabled', message: 'Web3 provider is disabled' })
  })
})

describe('phone sign-in (no SMS provider)', () => {
  const phone = '+15555550100'

  it('signUp, signInWithOtp, signInWithPassword and resend with a phone answer phone_provider_disabled', async () => {
    const auth = anonClient().auth
    const signUp = await auth.signUp({ phone, password: 'secret123' })
    expect(signUp.error).toMatchObject({ status: 400, code: 'phone_provider_disabled', message: 'Phone signups are disabled' })
    const otp = await auth.signInWithOtp({ phone })
    expect(otp.error).toMatchObject({ status: 400, code: 'phone_provider_disabled', message: 'Unsupported phone provider' })
    const password = await auth.signInWithPassword({ phone, password: 'secret123' })
    expect(password.error).toMatchObject({ status: 422, code: 'phone_provider_disabled', message: 'Phone logins are disabled' })
    const resent = await auth.resend({ type: 'sms', phone })
    expect(resent.error).toMatchObject({ status: 400, code: 'phone_provider_disabled', message: 'Phone logins are disabled' })
  })

  it('the checks before the provider still apply: a weak password, and create_user false for an unknown number', async () => {
    const auth = anonClient().auth
    const weak = await auth.signUp({ phone, password: '123' })
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' })
    const unknown = await auth.signInWithOtp({ phone: `+1555${Date.now() % 10_000_000}`, options: { shouldCreateUser: false } })
    expect(unknown.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' })
  })
})

describe('verifyOtp with a phone (no SMS provider)', () => {
  it('an SMS code is expired or invalid: 403 otp_expired', async () => {
    for (const type of ['sms', 'phone_change'] as const) {
      const { data, error } = await anonClient().auth.verifyOtp({ phone: '+15555550100', token: '123456', type })
      expect(data.session).toBeNull()
      expect(error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' })
    }
  })

  it('a malformed number is refused first', async () => {
    const { error } = await anonClient().auth.verifyOtp({ phone: 'call me', token: '123456', type: 'sms' })
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' })
  })
})

/** supabase-js keeps its passkey API behind an experimental flag. */
const passkeyClient = (key: string) =>
  createClient(stack.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, experimental: { passkey: true } },
    realtime: { transport: webSocketTransport },
  })

describe('passkeys, the OAuth server and custom providers (off)', () => {
  it('passkey calls answer 404 passkey_disabled', async () => {
    const { user, session } = await signedInClient('passkey')
    const client = passkeyClient(stack.anonKey)
    await client.auth.setSession(session)
    const listed = await client.auth.passkey.list()
    expect(listed.error).toMatchObject({ status: 404, code: 'passkey_disabled', message: 'Passkeys are disabled' })
    const started = await passkeyClient(stack.anonKey).auth.passkey.startAuthentication()
    expect(started.error).toMatchObject({ status: 404, code: 'passkey_disabled' })
    // The admin routes have no switch: a user simply has no passkeys.
    const admin = passkeyClient(stack.serviceRoleKey).auth.admin
    const adminList = await admin.passkey.listPasskeys({ userId: user.id })
    expect(adminList.error).toBeNull()
    expect(adminList.data).toEqual([])
    const deleted = await admin.passkey.deletePasskey({ userId: user.id, passkeyId: randomUUID() })
    expect(deleted.error).toMatchObject({ status: 404, code: 'validation_failed', message: 'Passkey not found' })
  })

  it('OAuth server calls answer 404 feature_disabled', async () => {
    const { client } = await signedInClient('oauth')
    const disabled = { status: 404, code: 'feature_disabled', message: 'OAuth server is disabled' }
    expect((await client.auth.oauth.getAuthorizationDetails(randomUUID())).error).toMatchObject(disabled)
    expect((await client.auth.oauth.listGrants()).error).toMatchObject(disabled)
    expect((await serviceClient().auth.admin.oauth.listClients()).error).toMatchObject(disabled)
  })

  it('custom provider admin calls answer 404 feature_disabled, and only for an admin', async () => {
    const listed = await serviceClient().auth.admin.customProviders.listProviders()
    expect(listed.error).toMatchObject({ status: 404, code: 'feature_disabled', message: 'Custom OAuth providers are disabled' })
    const notAdmin = await anonClient().auth.admin.customProviders.listProviders()
    expect(notAdmin.error).toMatchObject({ status: 403, code: 'not_admin' })
  })
})
