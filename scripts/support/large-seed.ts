/**
 * The rows `npm run seed:large` writes, generated in memory from a fixed seed: the same `anchor`
 * (a UTC midnight) gives the same rows on every machine. Realistic spreads for measuring the
 * feed at program scale; histories follow the program's rules (ADR 005) as they stood at each
 * ask: no asks to detractors, open ≤ 2, accepted ≤ 2 per 30 days, two reference calls a quarter,
 * the effort ladder, capacity, segments and windows; one live ask per advocate and opportunity.
 */
import { ADVOCATE_GOALS, PERSONALITIES } from '../../supabase/functions/_shared/personality.ts'
import {
  CONTENT_KINDS,
  OPPORTUNITY_TYPES,
  type ContentKind,
  type Effort,
  type OpportunityType,
} from '../../supabase/functions/_shared/matching.ts'
import { generateHistory } from './large-seed-history.ts'
import { between, chance, createRandom, pick, subset, weighted, type Random } from './large-seed-random.ts'

export const LARGE_SEED_DOMAIN = 'large.example.test'
export const DAY_MS = 86_400_000
export const SEGMENTS = ['smb', 'mid_market', 'enterprise'] as const
export const TEAMS = ['marketing', 'sales', 'product', 'events', 'customer_success', 'community'] as const
/** The large seed's own admin: every opportunity and give it writes is `created_by` this user, which is how `--replace` finds them. */
export const LARGE_SEED_ADMIN_ID = '1a5e0000-0000-4000-8000-000000000000'

export interface LargeSeedSize {
  advocates: number
  opportunities: number
  content: number
  interactions: number
}
export const DEFAULT_SIZE: LargeSeedSize = { advocates: 10_000, opportunities: 1_000, content: 500, interactions: 200_000 }

export interface AdvocateRow {
  id: string
  email: string
  displayName: string
  company: string
  jobTitle: string
  industry: string
  goals: string[]
  createdAt: number
  /** One personality per survey question, by position; null = survey not taken. */
  picks: string[] | null
  surveyedAt: number
  recognition: string | null
  account: {
    segment: string
    nps: number | null
    npsAt: number | null
    health: number | null
    customerSince: string
    lastActiveAt: number | null
    csmName: string
    csmNotes: string | null
  }
  /** 0 (never asked) to 4 (power user): how much history and how many interactions they get. */
  activity: number
}

export interface OpportunityRow {
  /** 1-based position; the database assigns the real id in this order. */
  n: number
  type: OpportunityType
  title: string
  body: string
  effort: Effort
  value: string
  points: number
  minutes: number
  affinity: number[]
  goals: string[]
  minTier: string | null
  segments: string[]
  capacity: number | null
  startsAt: number | null
  endsAt: number | null
  team: string
  status: string
  createdAt: number
}

export interface ContentRow {
  n: number
  kind: ContentKind
  title: string
  body: string
  url: string | null
  affinity: number[]
  goals: string[]
  segments: string[]
  publishedAt: number | null
  createdAt: number
}

const FIRST = [
  'Alex',
  'Sam',
  'Priya',
  'Chen',
  'Maria',
  'Jonas',
  'Aisha',
  'Tom',
  'Lena',
  'Omar',
  'Yuki',
  'Grace',
  'Diego',
  'Nina',
  'Raj',
  'Zoe',
]
const LAST = ['Nguyen', 'Smith', 'Garcia', 'Kowalski', 'Okafor', 'Haddad', 'Larsen', 'Tanaka', 'Rossi', 'Patel', 'Moreau', 'Byrne']
const COMPANIES = [
  'Northwind',
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella Analytics',
  'Stark Logistics',
  'Wayne Retail',
  'Acme Health',
  'Helix Pay',
  'Lumen',
]
const TITLES = [
  'Data Engineer',
  'Head of Operations',
  'VP Engineering',
  'Analyst',
  'Marketing Lead',
  'CTO',
  'Product Manager',
  'Staff Engineer',
]
const INDUSTRIES = ['Data & analytics', 'Logistics', 'Healthcare', 'Financial services', 'Retail', 'Energy', 'Education', 'Manufacturing']
const CSMS = ['Priya Nair', 'Sam Ortiz', 'Lee Chen', 'Dana Fox', 'Ari Cohen']
const TOPICS = [
  'reporting',
  'dashboards',
  'automation',
  'onboarding',
  'security',
  'integrations',
  'forecasting',
  'alerts',
  'exports',
  'the API',
]
const LOW: readonly OpportunityType[] = ['review', 'testimonial', 'social_share', 'referral', 'beta_feedback', 'peer_intro']
const HIGH: readonly OpportunityType[] = ['speaking', 'content_co_creation', 'advisory_board']
const round2 = (x: number) => Math.round(x * 100) / 100

export interface LargeSeed {
  advocates: AdvocateRow[]
  opportunities: OpportunityRow[]
  content: ContentRow[]
  ledger: ReturnType<typeof generateHistory>['ledger']
  interactions: ReturnType<typeof generateHistory>['interactions']
}

export function generateLargeSeed(anchor: number, size: LargeSeedSize = DEFAULT_SIZE, seed = 20261123): LargeSeed {
  const random = createRandom(seed)
  const advocates = Array.from({ length: size.advocates }, (_, i) => advocate(random, anchor, i))
  const opportunities = Array.from({ length: size.opportunities }, (_, i) => opportunity(random, anchor, i + 1))
  const content = Array.from({ length: size.content }, (_, i) => give(random, anchor, i + 1))
  const history = generateHistory(random, anchor, advocates, opportunities, content, size.interactions)
  return { advocates, opportunities, content, ...history }
}

function advocate(random: Random, anchor: number, i: number): AdvocateRow {
  const n = i + 1
  const createdAt = anchor - (chance(random, 0.05) ? between(random, 1, 29) : between(random, 30, 900)) * DAY_MS
  const surveyed = chance(random, 0.85)
  const primary = pick(random, PERSONALITIES)
  const picks = surveyed ? Array.from({ length: 5 }, () => (chance(random, 0.55) ? primary : pick(random, PERSONALITIES))) : null
  const detractor = chance(random, 0.1)
  const npsKnown = chance(random, 0.98)
  const nps = !npsKnown ? null : detractor ? between(random, 0, 6) : weighted(random, [7, 8, 9, 10], [15, 25, 30, 30])
  const activeBucket = weighted(random, [0, 1, 2, 3], [70, 20, 9, 1])
  const activeDays = [between(random, 0, 14), between(random, 15, 60), between(random, 61, 365), 0][activeBucket]
  const first = pick(random, FIRST)
  const last = pick(random, LAST)
  const company = `${pick(random, COMPANIES)} ${Math.floor(n / 10) + 1}`
  return {
    id: `1a5e0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    email: `advocate-${String(n).padStart(5, '0')}@${LARGE_SEED_DOMAIN}`,
    displayName: `${first} ${last}`,
    company,
    jobTitle: pick(random, TITLES),
    industry: pick(random, INDUSTRIES),
    goals: subset(random, ADVOCATE_GOALS, 0.35),
    createdAt,
    picks,
    surveyedAt: createdAt + between(random, 0, 3) * DAY_MS + between(random, 60_000, 3_600_000),
    recognition: picks && chance(random, 0.8) ? recognitionFor(picks) : null,
    account: {
      segment: weighted(random, SEGMENTS, [45, 35, 20]),
      nps,
      npsAt: nps === null ? null : anchor - between(random, 0, 365) * DAY_MS,
      health: chance(random, 0.02) ? null : Math.max(0, Math.min(100, Math.round(76 + 14 * gaussian(random)))),
      customerSince: new Date(anchor - between(random, 0, 6 * 365) * DAY_MS).toISOString().slice(0, 10),
      lastActiveAt: activeBucket === 3 ? null : anchor - activeDays * DAY_MS - between(random, 0, 86_399_000),
      csmName: pick(random, CSMS),
      csmNotes: chance(random, 0.1) ? `Account note ${n}: renewal in Q${between(random, 1, 4)}.` : null,
    },
    activity: detractor ? 0 : weighted(random, [0, 1, 2, 3, 4], [30, 40, 21, 8, 1]),
  }
}

/** The database's rule (private.compute_personality_result): the first personality with the top count. */
function recognitionFor(picks: string[]): string {
  const counts = PERSONALITIES.map((p) => picks.filter((x) => x === p).length)
  const top = counts.indexOf(Math.max(...counts))
  return ['thank_you_letter', 'small_gift', 'career_content', 'early_access'][top]
}

function opportunity(random: Random, anchor: number, n: number): OpportunityRow {
  const type = OPPORTUNITY_TYPES[(n - 1) % OPPORTUNITY_TYPES.length]
  const byType: Effort = LOW.includes(type) ? 'low' : HIGH.includes(type) ? 'high' : 'medium'
  const effort = chance(random, 0.15) ? pick(random, ['low', 'medium', 'high'] as const) : byType
  const createdAt = anchor - between(random, 0, 200) * DAY_MS - between(random, 0, 86_399_000)
  const windowed = chance(random, 0.2)
  const startsAt = windowed ? anchor + between(random, -60, 15) * DAY_MS : null
  const topic = pick(random, TOPICS)
  return {
    n,
    type,
    title: `${type.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase())}: ${topic} #${n}`,
    body: `Help other customers with ${topic}. We ask for a ${effort}-effort ${type.replaceAll('_', ' ')}; you choose what is published, and you can say no at any time.`,
    effort,
    value: pick(random, ['low', 'medium', 'high', 'very_high'] as const),
    points: effort === 'low' ? between(random, 10, 50) : effort === 'medium' ? between(random, 50, 150) : between(random, 150, 400),
    minutes: effort === 'low' ? pick(random, [2, 5, 10, 15]) : effort === 'medium' ? between(random, 30, 120) : between(random, 120, 600),
    affinity: Array.from({ length: 4 }, () => round2(random())),
    goals: subset(random, ADVOCATE_GOALS, 0.3),
    minTier: chance(random, 0.08) ? pick(random, ['bronze', 'silver', 'gold', 'platinum'] as const) : null,
    segments: chance(random, 0.65) ? [] : subset(random, SEGMENTS, 0.5, 1),
    capacity: chance(random, 0.4) ? between(random, 1, 50) : null,
    startsAt,
    endsAt:
      startsAt !== null
        ? startsAt + between(random, 7, 120) * DAY_MS
        : chance(random, 0.05)
          ? anchor + between(random, -30, 60) * DAY_MS
          : null,
    team: pick(random, TEAMS),
    status: weighted(random, ['open', 'draft', 'paused', 'closed'], [82, 6, 6, 6]),
    createdAt,
  }
}

function give(random: Random, anchor: number, n: number): ContentRow {
  const kind = CONTENT_KINDS[(n - 1) % CONTENT_KINDS.length]
  const state = weighted(random, ['published', 'draft', 'scheduled'], [90, 5, 5])
  const publishedAt =
    state === 'draft' ? null : anchor + (state === 'scheduled' ? between(random, 1, 30) : -between(random, 0, 180)) * DAY_MS
  const topic = pick(random, TOPICS)
  return {
    n,
    kind,
    title: `${kind.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase())}: ${topic} #${n}`,
    body: `Everything advocates asked us about ${topic}, in one place. Five minutes to read, with examples from customers like you.`,
    url: chance(random, 0.7) ? `https://example.com/large/${kind}/${n}` : null,
    affinity: Array.from({ length: 4 }, () => round2(random())),
    goals: subset(random, ADVOCATE_GOALS, 0.3),
    segments: chance(random, 0.75) ? [] : subset(random, SEGMENTS, 0.5, 1),
    publishedAt,
    createdAt: Math.min(publishedAt ?? anchor, anchor) - between(random, 0, 5) * DAY_MS,
  }
}

/** Box–Muller: a standard normal deviate. */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}
