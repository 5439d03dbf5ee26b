/** Rows 19–21: refresh-token rotation, reuse detection and unknown tokens. */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuxAuth } from '../support/aux-auth.ts'
import { anonClient, signedInClient, uniqueEmail } from '../support/stack.ts'
import { claimsOf } from './helpers.ts'

describe('refreshSession', () => {
  it('row 19: returns a new refresh token for the same session', async () => {
    const { client, session } = await signedInClient('refresh')
    const { data, error } = await client.auth.refreshSession()
    expect(error).toBeNull()
    expect(data.session!.refresh_token).not.toBe(session!.refresh_token)
    expect(data.session!.refresh_token).toMatch(/^[A-Za-z0-9]{12}$/)
    expect(claimsOf(data.session!.access_token).session_id).toBe(claimsOf(session!.access_token).session_id)
  })

  it('row 21: a garbage refresh token is 400 refresh_token_not_found', async () => {
    const { error } = await anonClient().auth.refreshSession({ refresh_token: 'garbage-token' })
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' })
  })
})

describe('reuse detection (aux server: reuse interval 1 s)', () => {
  let aux: Awaited<ReturnType<typeof startAuxAuth>>
  beforeAll(async () => {
    aux = await startAuxAuth({ auth: { refreshTokenReuseInterval: 1 } })
  })
  afterAll(() => aux?.stop())

  async function signIn() {
    const email = uniqueEmail('reuse')
    const { error } = await aux.admin().createUser({ email, password: 'secret123', email_confirm: true })
    expect(error).toBeNull()
    const { data } = await aux.client().signInWithPassword({ email, password: 'secret123' })
    return data.session!.refresh_token
  }
  const refresh = (refresh_token: string) => aux.client().refreshSession({ refresh_token })

  it('row 20: the parent of the active token, even after the interval, returns the active token', async () => {
    const t0 = await signIn()
    const t1 = (await refresh(t0)).data.session!.refresh_token
    await sleep(1200)
    const replay = await refresh(t0)
    expect(replay.error).toBeNull()
    expect(replay.data.session!.refresh_token).toBe(t1)
  })

  it('row 20: an older token after the interval is refresh_token_already_used and revokes the family', async () => {
    const t0 = await signIn()
    const t1 = (await refresh(t0)).data.session!.refresh_token
    const t2 = (await refresh(t1)).data.session!.refresh_token
    await sleep(1200)
    const stolen = await refresh(t0)
    expect(stolen.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' })
    const victim = await refresh(t2)
    expect(victim.error?.status).toBe(400)
    expect(victim.data.session).toBeNull()
  })
})
