/** `public.submissions`: the RLS matrix (reviewing is in review-submission.test.ts). */
import { submissionsMatrix } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(submissionsMatrix)
