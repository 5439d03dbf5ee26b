/**
 * Issue 10 §5 (ADR 013): a browser in Sydney. The portal detects its zone, stores it on the
 * profile, and My activity shows an ask taken at 22:30 UTC on 15 June under Sydney's date, the
 * 16th, with no hydration error (the console guard fails the test on any). The profile page shows
 * the detected zone.
 */
import { randomUUID } from 'node:crypto'
import { admin, createUser, expect, test } from './support/fixtures.ts'
import { addSessionCookies } from './support/session.ts'

test.use({ timezoneId: 'Australia/Sydney' })

// 08:30 on 16 June in Sydney (AEST, UTC+10); still the 15th in UTC.
const TAKEN_AT = '2026-06-15T22:30:00Z'

test('a browser in Sydney has its zone stored, and My activity shows the Sydney day', async ({ page, context }) => {
  const user = await createUser({ surveyDone: 'educator' })
  const title = `Sydney ask ${randomUUID().slice(0, 8)}`
  const { data: opportunity, error } = await admin
    .from('opportunities')
    .insert({
      type: 'testimonial',
      title,
      body: 'One line.',
      effort: 'low',
      value: 'medium',
      affinity: [1, 0, 0, 0],
      team: 'marketing',
      status: 'open',
    })
    .select('id')
    .single()
  if (error) throw error
  const ledger = await admin.from('ask_ledger').insert({
    profile_id: user.id,
    opportunity_id: opportunity.id,
    type: 'testimonial',
    team: 'marketing',
    source: 'feed',
    state: 'accepted',
    asked_at: TAKEN_AT,
    decided_at: TAKEN_AT,
  })
  if (ledger.error) throw ledger.error

  await addSessionCookies(context, user)
  await page.goto('/activity')
  const card = page.getByRole('listitem').filter({ hasText: title })
  await expect(card).toBeVisible()

  // The shell sends the browser's zone once; the revalidation re-renders the date in it.
  await expect
    .poll(async () => (await admin.from('profiles').select('time_zone').eq('id', user.id).single()).data?.time_zone)
    .toBe('Australia/Sydney')
  await expect(card).toContainText('Jun 16, 2026')

  // A fresh server render (no client-side fix-up) shows the same day.
  await page.reload()
  await expect(card).toContainText('Jun 16, 2026')

  await page.goto('/profile')
  await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Sydney')
})
