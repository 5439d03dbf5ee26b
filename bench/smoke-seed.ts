/**
 * `seed:large` at the size a smoke run uses (bench/mode.ts): big enough that every kind of
 * advocate bench/feed-advocates.ts picks exists (eligible, no survey, detractor, inactive…), small
 * enough to load in a few seconds.
 */
import type { LargeSeedSize } from '../scripts/support/large-seed.ts'

export const SMOKE_SEED_SIZE: LargeSeedSize = { advocates: 300, opportunities: 60, content: 30, interactions: 3_000 }
