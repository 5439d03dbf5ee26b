/** `public.advocate_accounts`: the RLS matrix (advocates cannot read even their own CRM row). */
import { advocateAccountsMatrix } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(advocateAccountsMatrix)
