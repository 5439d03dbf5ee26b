/** `public.ask_ledger`: the RLS matrix. */
import { askLedgerMatrix } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(askLedgerMatrix)
