/** `public.interactions`: the RLS matrix (append-only; which kinds an advocate may log is in feed-data.test.ts). */
import { afterAll } from 'vitest'
import { interactionsMatrix, removeFeedTestItems } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(interactionsMatrix)
afterAll(removeFeedTestItems)
