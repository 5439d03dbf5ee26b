import { PostgrestError } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { ASK_BLOCKERS } from '../../supabase/functions/_shared/matching.ts'
import { BLOCKED_MESSAGES } from './feed-labels.ts'
import { rpcRefusal, WITHDRAW_ASK_REFUSAL_CODES, WITHDRAW_ASK_REFUSALS } from './rpc-refusal.ts'

const raised = (code: string, details: string) => new PostgrestError({ code, details, hint: '', message: 'English for developers' })

describe('rpcRefusal', () => {
  it('reads the code from DETAIL and the status from the SQLSTATE', () => {
    expect(rpcRefusal(raised('PT409', 'already_submitted'), WITHDRAW_ASK_REFUSAL_CODES)).toEqual({ status: 409, code: 'already_submitted' })
    expect(rpcRefusal(raised('PT404', 'not_found'), WITHDRAW_ASK_REFUSAL_CODES)).toEqual({ status: 404, code: 'not_found' })
  })

  it('is null for a code outside the list or another SQLSTATE, which the caller throws', () => {
    expect(rpcRefusal(raised('PT409', 'full'), WITHDRAW_ASK_REFUSAL_CODES)).toBeNull()
    expect(rpcRefusal(raised('42501', 'not_found'), WITHDRAW_ASK_REFUSAL_CODES)).toBeNull()
  })

  it('has words for every withdraw code, none of them the database’s', () => {
    for (const code of WITHDRAW_ASK_REFUSAL_CODES) expect(WITHDRAW_ASK_REFUSALS[code]).toMatch(/\w/)
  })

  it('reads every accept_ask refusal, and the page has words for each', () => {
    for (const code of ASK_BLOCKERS) {
      const refusal = rpcRefusal(raised(code === 'not_available' ? 'PT404' : 'PT409', code), ASK_BLOCKERS)
      expect(refusal).toEqual({ status: code === 'not_available' ? 404 : 409, code })
      expect(BLOCKED_MESSAGES[refusal!.code]).toMatch(/\w/)
    }
  })
})
