/**
 * The Supabase linter's rules (and three of our own) as SQL checks against the migrated real
 * project: ERROR and WARN findings fail, as does 0001 (index your foreign keys); INFO findings
 * are printed. Each rule is also run against a deliberate violation, inside a transaction that
 * is rolled back, to prove the query catches what it claims to.
 */
import { describe, expect, test } from 'vitest'
import { loadConfig } from '../../supabase/local/config.ts'
import { db } from '../stack/support/stack.ts'
import { LINT_RULES, PLATFORM_SCHEMAS, type LintRule } from './support/lint-rules.ts'

const API_SCHEMAS = loadConfig().api.schemas

interface Finding {
  object: string
  detail: string
}

async function run(rule: LintRule, query: (sql: string, params: unknown[]) => Promise<{ rows: Finding[] }>) {
  // The wrapper lets every rule take both parameters, whether or not it uses them.
  const sql = `select object, detail from (${rule.sql}) findings where $1::text[] is not null and $2::text[] is not null`
  return (await query(sql, [API_SCHEMAS, PLATFORM_SCHEMAS])).rows
}

describe.each(LINT_RULES)('lint $id $name ($level)', (rule) => {
  test(rule.fails ? 'no findings' : 'findings are reported, not enforced', async () => {
    const findings = await run(rule, (sql, params) => db.query<Finding>(sql, params))
    if (!rule.fails) {
      for (const f of findings) console.info(`lint ${rule.id} ${rule.name} (INFO): ${f.object}: ${f.detail}`)
      return
    }
    expect(findings, `${rule.checks}\n${findings.map((f) => `  ${f.object}: ${f.detail}`).join('\n')}`).toEqual([])
  })

  test.skipIf(rule.violation === null)('catches a deliberate violation', async () => {
    const client = await db.connect()
    try {
      await client.query('begin')
      await client.query('create schema lint_fixture')
      await client.query(rule.violation!)
      const findings = await run(rule, (sql, params) => client.query<Finding>(sql, params))
      expect(findings.map((f) => f.object)).toContain(rule.expectObject)
    } finally {
      await client.query('rollback')
      client.release()
    }
  })
})

test('rule ids are unique', () => {
  const ids = LINT_RULES.map((r) => r.id)
  expect(new Set(ids).size).toBe(ids.length)
})
