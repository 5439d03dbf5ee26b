/** `public.points_ledger`: the RLS matrix (append-only). */
import { pointsLedgerMatrix } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(pointsLedgerMatrix)
