/**
 * Shared Playwright fixtures: data is arranged through the database and the Auth admin API,
 * the UI is driven by role. Any console error or uncaught page error fails the test unless the
 * test declares it expected with `allowConsoleErrors`.
 */
import { randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import { webSocketTransport } from '../../../app/lib/websocket.server.ts'
import type { Personality } from '../../../supabase/functions/_shared/personality.ts'
import { personalityResultRow } from '../../../supabase/functions/_shared/personality-row.ts'
import { SERVICE_ROLE_KEY } from '../../../supabase/local/keys.ts'
import { E2E } from './e2e-env.ts'

export interface TestUser {
  id: string
  email: string
  password: string
  displayName: string
}

export const admin = createClient(E2E.apiUrl, SERVICE_ROLE_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: webSocketTransport },
})

/**
 * A confirmed user, created through the Auth admin API so triggers run as they do for real sign-ups.
 * A brand-new advocate is led into the welcome survey; `surveyDone` records a completed survey
 * first (every answer for that personality), for tests that expect the home.
 */
export async function createUser(options: { displayName?: string; role?: 'admin'; surveyDone?: Personality } = {}): Promise<TestUser> {
  const email = `e2e-${randomUUID()}@example.com`
  const password = `Pw-${randomUUID()}`
  const displayName = options.displayName ?? `Avery ${randomUUID().slice(0, 6)}`
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { display_name: displayName },
    app_metadata: options.role ? { role: options.role } : {},
  })
  if (error) throw error
  if (options.surveyDone) await recordSurveyResult(data.user.id, options.surveyDone)
  return { id: data.user.id, email, password, displayName }
}

/**
 * Inserts a valid personality result through the service role: the answers pick `personality`'s
 * option on every question of the active version, and the scores are what the database's trigger
 * recomputes from them (5 for that personality, a single label).
 */
export async function recordSurveyResult(profileId: string, personality: Personality) {
  const { data: version, error } = await admin
    .from('survey_versions')
    .select('id, survey_questions(id, survey_options(id, personality))')
    .eq('is_active', true)
    .single()
  if (error) throw error
  type Question = { id: number; survey_options: Array<{ id: number; personality: Personality }> }
  const answers = (version.survey_questions as Question[]).map((question) => ({
    questionId: question.id,
    optionId: question.survey_options.find((option) => option.personality === personality)!.id,
  }))
  const { error: insertError } = await admin
    .from('personality_results')
    .insert(personalityResultRow({ profileId, surveyVersionId: version.id, personalities: answers.map(() => personality), answers }))
  if (insertError) throw insertError
}

/** WCAG 2.2 AA, including target-size, which axe only runs when its tag is named. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

export const inbox = {
  async latestMessageTo(email: string): Promise<{ Text: string; HTML: string }> {
    await expect
      .poll(async () => {
        const response = await fetch(`${E2E.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
        return ((await response.json()) as { messages: unknown[] }).messages.length
      })
      .toBeGreaterThan(0)
    const response = await fetch(`${E2E.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
    const { messages } = (await response.json()) as { messages: Array<{ ID: string }> }
    return (await (await fetch(`${E2E.inboxUrl}/api/v1/message/${messages[0].ID}`)).json()) as { Text: string; HTML: string }
  },
}

/**
 * Signs in through the password form, as a person would, and waits until the app has taken
 * the visitor to `redirectTo` (default: the signed-in home).
 */
export async function signIn(page: Page, user: Pick<TestUser, 'email' | 'password'>, options: { redirectTo?: string } = {}) {
  const target = options.redirectTo ?? '/'
  const query = new URLSearchParams({ mode: 'password', ...(options.redirectTo ? { redirectTo: options.redirectTo } : {}) })
  await page.goto(`/login?${query}`)
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL((url) => `${url.pathname}${url.search}` === target)
}

export const test = base.extend<{ allowConsoleErrors: RegExp[]; consoleGuard: void }>({
  allowConsoleErrors: [[], { option: true }],
  consoleGuard: [
    async ({ page, allowConsoleErrors }, use) => {
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        const text = message.text()
        if (!allowConsoleErrors.some((pattern) => pattern.test(text))) problems.push(text)
      })
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
      await use()
      expect(problems, 'unexpected console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
