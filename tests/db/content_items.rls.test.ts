/** `public.content_items`: the RLS matrix (unpublished items hidden from advocates: feed-data.test.ts). */
import { afterAll } from 'vitest'
import { contentItemsMatrix, removeFeedTestItems } from './support/matrices/feed.ts'
import { describeRlsMatrix } from './support/rls-matrix.ts'

describeRlsMatrix(contentItemsMatrix)
afterAll(removeFeedTestItems)
