/** `public.opportunities`: the RLS matrix (drafts hidden from advocates: feed-data.test.ts). */
import { afterAll } from 'vitest'
import { opportunitiesMatrix, removeFeedTestItems } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(opportunitiesMatrix)
afterAll(removeFeedTestItems)
