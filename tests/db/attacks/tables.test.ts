/**
 * §9 attack suite, tables: every table in an exposed schema, found in the catalogue. Anon,
 * advocate A and a demoted admin (old admin token, role removed) never read or change advocate B's
 * rows or rows advocates may not see; no owner changes a column outside the few they edit
 * themselves (points, approval, state, tier, segment, CRM values, ownership…); nobody inserts rows
 * that award, approve or belong to someone else. Each write is tried column by column, must be
 * refused cleanly (4xx 42501/428C9 or 0 rows, never 5xx), and the row is re-read over pg.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ATTACKERS, clientOf, createActors, type Actors, type Attacker } from './support/actors.ts'
import { countMatching, exposedRelations, readRow, snapshotRow, type Relation } from './support/catalog.ts'
import { cleanUpFixtures, TABLE_FIXTURES, type FixtureContext, type TableFixture } from './support/table-fixtures.ts'
import {
  alternativeValue,
  readProblem,
  refusalProblem,
  tryDelete,
  tryInsert,
  trySelect,
  tryUpdate,
  type Attempt,
} from './support/write-attempts.ts'

type Key = Record<string, unknown>
interface Arranged {
  relation: Relation
  fixture: TableFixture
  a: Key
  b: Key
}

let actors: Actors
let ctx: FixtureContext
let relations: Relation[]
const arranged = new Map<string, Arranged>()

beforeAll(async () => {
  actors = await createActors('attack-tables')
  ctx = { a: actors.a.user.id, b: actors.b.user.id }
  relations = await exposedRelations()
  for (const relation of relations) {
    const name = `${relation.schema}.${relation.name}`
    const fixture = TABLE_FIXTURES[name]
    if (fixture) arranged.set(name, { relation, fixture, ...(await fixture.arrange(ctx)) })
  }
}, 120_000)

afterAll(async () => {
  await actors?.cleanup()
  await cleanUpFixtures()
})

const idOf = (attacker: Attacker) => (attacker === 'anon' ? null : actors[attacker].user.id)

test('every table and view in the exposed schemas has an attack fixture', () => {
  expect(relations.length).toBeGreaterThan(0)
  expect(relations.map((r) => `${r.schema}.${r.name}`).filter((name) => !(name in TABLE_FIXTURES))).toEqual([])
})

test('the fixtures name nothing that no longer exists, and every key is a primary key', () => {
  const names = new Set(relations.map((r) => `${r.schema}.${r.name}`))
  expect(Object.keys(TABLE_FIXTURES).filter((name) => !names.has(name))).toEqual([])
  for (const { relation, a, b } of arranged.values()) {
    expect(Object.keys(a).sort(), relation.name).toEqual([...relation.primaryKey].sort())
    expect(Object.keys(b).sort(), relation.name).toEqual([...relation.primaryKey].sort())
  }
})

test('owner-editable columns are exactly granted ones (the allow-list cannot go stale)', () => {
  for (const { relation, fixture } of arranged.values()) {
    for (const name of fixture.ownerEditable ?? []) {
      const column = relation.columns.find((c) => c.name === name)
      expect(column?.updatable, `${relation.name}.${name}`).toBe(true)
    }
    if (fixture.owner)
      expect(fixture.ownerEditable ?? [], `${relation.name}: the owner column is never editable`).not.toContain(fixture.owner)
  }
})

/** The rows an attacker must not change, each with the row whose values the attack copies in. */
function targets({ fixture, a, b }: Arranged): Array<{ target: Key; source: Key; label: string }> {
  if (fixture.owner) return [{ target: b, source: a, label: "B's row" }]
  return [
    { target: a, source: b, label: 'row a' },
    { target: b, source: a, label: 'row b' },
  ]
}

/** Tries one write and re-reads the row: a list of what went wrong. */
async function attempt(t: Arranged, attacker: Attacker, target: Key, label: string, write: () => Promise<Attempt>): Promise<string[]> {
  const before = await snapshotRow(t.relation, target)
  const result = await write()
  const after = await snapshotRow(t.relation, target)
  const problems: string[] = []
  const problem = refusalProblem(result)
  if (problem) problems.push(`${attacker} ${label}: ${problem}`)
  if (t.fixture.sharedWitness) {
    const witness = after === undefined ? undefined : (JSON.parse(after) as Record<string, unknown>)[t.fixture.sharedWitness]
    if (after === undefined || (idOf(attacker) !== null && witness === idOf(attacker)))
      problems.push(`${attacker} ${label}: the shared row changed`)
  } else if (before !== after) {
    problems.push(`${attacker} ${label}: the row changed\n  before ${before}\n  after  ${after}`)
  }
  return problems
}

describe.each(Object.keys(TABLE_FIXTURES))('%s', (name) => {
  const get = () => {
    const t = arranged.get(name)
    if (!t) throw new Error(`${name} is not in the exposed schemas (see the coverage test)`)
    return t
  }

  test("attackers never read B's rows or hidden rows; anon reads nothing", async () => {
    const t = get()
    const problems: string[] = []
    for (const attacker of ATTACKERS) {
      const hidden = attacker === 'anon' ? [t.a, t.b] : t.fixture.owner || t.fixture.bHidden ? [t.b] : []
      for (const key of hidden) {
        const problem = readProblem(await trySelect(clientOf(actors, attacker), t.relation, key))
        if (problem) problems.push(`${attacker} ${JSON.stringify(key)}: ${problem}`)
      }
    }
    expect(problems).toEqual([])
    // Not vacuous: the same query finds the row for an admin, and for whoever may read it.
    expect((await trySelect(actors.admin.client, t.relation, t.b)).rows).toBe(1)
    const visible = t.fixture.owner ? (t.fixture.ownerReads ? t.a : null) : t.a
    if (visible) expect((await trySelect(actors.a.client, t.relation, visible)).rows).toBe(1)
  })

  test('attackers change no column of rows that are not theirs', async () => {
    const t = get()
    const problems: string[] = []
    for (const { target, source, label } of targets(t)) {
      const current = await readRow(t.relation, target)
      const other = await readRow(t.relation, source)
      for (const column of t.relation.columns) {
        const patch = { [column.name]: alternativeValue(column, current[column.name], other[column.name], ctx) }
        for (const attacker of ATTACKERS) {
          const client = clientOf(actors, attacker)
          problems.push(
            ...(await attempt(t, attacker, target, `${label}.${column.name}`, () => tryUpdate(client, t.relation, target, patch))),
          )
        }
      }
    }
    expect(problems).toEqual([])
  }, 180_000)

  test('attackers delete no row that is not theirs', async () => {
    const t = get()
    const problems: string[] = []
    for (const { target, label } of targets(t)) {
      for (const attacker of ATTACKERS) {
        const client = clientOf(actors, attacker)
        problems.push(...(await attempt(t, attacker, target, label, () => tryDelete(client, t.relation, target))))
      }
    }
    expect(problems).toEqual([])
  })

  test('attackers insert no row for B (or reference data)', async () => {
    const t = get()
    const problems: string[] = []
    for (const { target, label } of targets(t)) {
      const row = insertableCopy(t.relation, await readRow(t.relation, target))
      for (const attacker of ATTACKERS) {
        const before = await countMatching(t.relation, row)
        const result = await tryInsert(clientOf(actors, attacker), t.relation, row)
        const problem = refusalProblem(result)
        if (problem) problems.push(`${attacker} copy of ${label}: ${problem}`)
        if ((await countMatching(t.relation, row)) !== before) problems.push(`${attacker} copy of ${label}: a row was inserted`)
      }
    }
    expect(problems).toEqual([])
  })

  test('the owner changes none of their own columns but the few they edit (no points, approval, state, CRM values, ownership)', async () => {
    const t = get()
    if (!t.fixture.owner) return expect(t.fixture.ownerEditable).toBeUndefined()
    const problems: string[] = []
    const own = await readRow(t.relation, t.a)
    const victims = await readRow(t.relation, t.b)
    for (const column of t.relation.columns) {
      if (t.fixture.ownerEditable?.includes(column.name)) continue
      const patch = { [column.name]: alternativeValue(column, own[column.name], victims[column.name], ctx) }
      problems.push(
        ...(await attempt(t, 'a', t.a, `own.${column.name} = ${JSON.stringify(patch[column.name])}`, () =>
          tryUpdate(actors.a.client, t.relation, t.a, patch),
        )),
      )
    }
    expect(problems).toEqual([])
  }, 120_000)

  test('the owner inserts nothing here that only the program may write', async () => {
    const t = get()
    if (!t.fixture.owner || t.fixture.ownerInserts) return
    const row = insertableCopy(t.relation, await readRow(t.relation, t.a))
    const before = await countMatching(t.relation, row)
    const problem = refusalProblem(await tryInsert(actors.a.client, t.relation, row))
    expect(problem).toBeNull()
    expect(await countMatching(t.relation, row)).toBe(before)
  })
})

/**
 * A copy of `row` limited to the columns `authenticated` may insert, so that a refusal comes from
 * the policies; a table with no such column gets every writable column (the grant refuses it).
 */
function insertableCopy(relation: Relation, row: Record<string, unknown>): Record<string, unknown> {
  const granted = relation.columns.filter((c) => c.insertable && !c.generated)
  const columns = granted.length > 0 ? granted : relation.columns.filter((c) => !c.generated)
  return Object.fromEntries(columns.map((c) => [c.name, row[c.name]]))
}
