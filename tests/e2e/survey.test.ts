/**
 * The welcome survey on phone and desktop: a new advocate is led into it, answers are saved as
 * they are chosen (so it resumes), the result is explained and its choices saved, it is never
 * asked again, and a retake from the profile records a new result while keeping the old one.
 */
import type { Page } from '@playwright/test'
import { admin, createUser, expect, expectNoAxeViolations, test } from './support/fixtures.ts'
import { addSessionCookies } from './support/session.ts'

/** Option labels from the first survey version (the migration's reference data), by question. */
const EDUCATOR = [
  'Teach other customers how to get more out of the product',
  'Walk them through how I set things up',
  "Answering other members' questions",
  'Helping other people succeed',
  'Record a short how-to video',
]
const VALIDATOR_Q4 = 'Knowing my honest opinion counts'
const VALIDATOR_Q5 = 'Write a short review of what works and what does not'
const STATUS_SEEKER = [
  'Give a talk on a topic I choose, under my own name',
  'Point them to a talk or post where I shared my results',
  'Being featured in a spotlight interview',
  'Growing my profile and my career',
  'Co-write a blog post that carries my name',
]

async function expectStep(page: Page, step: number) {
  await expect(page).toHaveURL(`/welcome/survey/${step}`)
  await expect(page.getByText(`Question ${step} of 5`)).toBeVisible()
  await expect(page.getByRole('progressbar', { name: `Question ${step} of 5` })).toHaveAttribute('value', String(step))
}

/** Picks an answer and waits until the instant save has stored it. */
async function choose(page: Page, label: string) {
  await page.getByRole('radio', { name: label }).check()
  await expect(page.getByText('Answer saved.')).toBeVisible()
}

async function results(profileId: string) {
  const { data, error } = await admin
    .from('personality_results')
    .select('id, label, primary_personality')
    .eq('profile_id', profileId)
    .order('created_at')
    .order('id')
  if (error) throw error
  return data
}

test('a new advocate is led through the survey, resumes after a reload, sees and adjusts their result, and is not asked again', async ({
  page,
}) => {
  // The whole journey (sign-in, five steps twice, result, home, two axe runs) took 31–32 s on a loaded CI machine.
  test.slow()
  const user = await createUser({ displayName: 'Sam Rivera' })
  await page.goto('/login?mode=password')
  await page.getByLabel('E-mail').fill(user.email)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()

  await expect(page).toHaveURL('/welcome')
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome! Let’s get to know you' })).toBeVisible()
  await expect(page.getByText('5 quick questions, about a minute.')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Start the survey' }).click()

  await expectStep(page, 1)
  await expect(page.getByRole('group', { name: /If you presented at one of our events/ })).toBeVisible()
  await expect(page.getByRole('radio')).toHaveCount(4)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByText('Choose one of the answers to continue.')).toBeVisible()
  await expect(page).toHaveURL('/welcome/survey/1')

  await choose(page, EDUCATOR[0])
  await expect(page.getByText('Choose one of the answers to continue.')).toBeHidden()
  await page.getByRole('button', { name: 'Next' }).click()
  await expectStep(page, 2)
  await expectNoAxeViolations(page)
  await choose(page, EDUCATOR[1])

  // Saved the moment it was chosen: a reload (or another device) finds it.
  await page.reload()
  await expectStep(page, 2)
  await expect(page.getByRole('radio', { name: EDUCATOR[1] })).toBeChecked()
  // The home sends them back to the survey, which continues at the first open question.
  await page.goto('/')
  await expect(page).toHaveURL('/welcome')
  await expect(page.getByText('You’ve answered 2 of 5.')).toBeVisible()
  await page.getByRole('link', { name: 'Continue with question 3' }).click()
  await expectStep(page, 3)

  // Back keeps earlier answers.
  await page.getByRole('link', { name: 'Back' }).click()
  await expectStep(page, 2)
  await expect(page.getByRole('radio', { name: EDUCATOR[1] })).toBeChecked()
  await page.getByRole('button', { name: 'Next' }).click()

  await expectStep(page, 3)
  await choose(page, EDUCATOR[2])
  await page.getByRole('button', { name: 'Next' }).click()
  await expectStep(page, 4)
  await choose(page, VALIDATOR_Q4)
  await page.getByRole('button', { name: 'Next' }).click()
  await expectStep(page, 5)
  await choose(page, VALIDATOR_Q5)
  await page.getByRole('button', { name: 'See my result' }).click()

  // 3 Educator + 2 Validator: a blend, thanked like an Educator unless they say otherwise.
  await expect(page).toHaveURL('/welcome/result')
  await expect(page.getByRole('heading', { level: 1, name: 'You’re an Educator–Validator blend' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Opportunities you’ll see first' })).toBeVisible()
  await expect(page.getByRole('figure', { name: 'Your answers, by personality' }).getByRole('listitem')).toHaveText([
    'Educator 3 of 5',
    'Validator 2 of 5',
    'Status Seeker 0 of 5',
    'Collaborator 0 of 5',
  ])
  const suggested = page.getByRole('radio', { name: /thank-you letter \(our suggestion\)/ })
  await expect(suggested).toBeChecked()
  await expectNoAxeViolations(page)
  await page.getByRole('radio', { name: 'Exclusive access to new products' }).check()
  await page.getByRole('checkbox', { name: 'Influence the product' }).check()
  await page.getByRole('checkbox', { name: 'Advance my career' }).check()
  await page.getByRole('button', { name: 'Save and go to my home' }).click()

  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Sam' })).toBeVisible()
  await expect(page.getByText('Your advocate personality: Educator–Validator')).toBeVisible()
  const { data: profile } = await admin.from('profiles').select('recognition_preference, goals').eq('id', user.id).single()
  expect(profile).toEqual({ recognition_preference: 'early_access', goals: ['influence_product', 'advance_career'] })
  expect(await results(user.id)).toMatchObject([{ label: 'Educator–Validator', primary_personality: 'educator' }])
  const { count } = await admin.from('survey_responses').select('*', { count: 'exact', head: true }).eq('profile_id', user.id)
  expect(count).toBe(0)

  // Never asked again: a fresh visit to the home stays on the home.
  await page.goto('/')
  await expect(page).toHaveURL('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Sam' })).toBeVisible()
})

test.describe('profile', () => {
  // Profile edits are validated by the server: a refused form answers 400, which Chromium logs.
  test.use({ allowConsoleErrors: [/^Failed to load resource: the server responded with a status of 400/] })

  test('shows the personality and scores, edits details and consent with validation, and a retake adds a new result', async ({
    page,
    context,
  }) => {
    // Profile edits, validation, and a five-step retake: a long journey for a loaded CI machine.
    test.slow()
    const user = await createUser({ displayName: 'Jo Park', surveyDone: 'collaborator' })
    await addSessionCookies(context, user)
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).filter({ visible: true }).getByRole('link', { name: 'Profile' }).click()

    await expect(page).toHaveURL('/profile')
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible()
    await expect(page.getByText('Collaborator', { exact: true }).first()).toBeVisible()
    const chart = page.getByRole('figure', { name: 'Your scores from the welcome survey' })
    await expect(chart.getByRole('listitem')).toHaveText([
      'Educator 0 of 5',
      'Validator 0 of 5',
      'Status Seeker 0 of 5',
      'Collaborator 5 of 5',
    ])
    // Consent is never assumed.
    for (const name of ['Show me on the recognition wall', 'My name', 'My company', 'My photo']) {
      await expect(page.getByRole('checkbox', { name })).not.toBeChecked()
    }
    // Not confirmed yet: the form proposes the prediction.
    await expect(page.getByRole('radio', { name: 'Exclusive access to new products (our suggestion)' })).toBeChecked()
    await expectNoAxeViolations(page)

    const save = page.getByRole('button', { name: 'Save changes' })
    await page.getByLabel('Display name').fill('   ')
    await save.click()
    await expect(page.getByText('Enter the name other advocates will see.')).toBeVisible()
    await expect(page.getByLabel('Display name')).toBeFocused()
    await expect(page.getByLabel('Display name')).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('textbox', { name: 'Company' })).toHaveAttribute('maxlength', '120')

    await page.getByLabel('Display name').fill('Jo Park-Lee')
    await page.getByRole('textbox', { name: 'Company' }).fill('  Acme Logistics ')
    await page.getByRole('textbox', { name: 'Job title' }).fill('Operations lead')
    await page.getByRole('textbox', { name: 'Industry' }).fill('Logistics')
    await page.getByRole('radio', { name: 'A small gift or cash incentive' }).check()
    await page.getByRole('checkbox', { name: 'Learn and get more out of the product' }).check()
    await page.getByRole('checkbox', { name: 'Show me on the recognition wall' }).check()
    await page.getByRole('checkbox', { name: 'My company' }).check()
    await save.click()
    await expect(page.getByText('Your profile is saved.')).toBeVisible()
    const { data: profile } = await admin
      .from('profiles')
      .select(
        'display_name, company, job_title, industry, recognition_preference, goals, show_on_wall, wall_show_name, wall_show_company, wall_show_photo',
      )
      .eq('id', user.id)
      .single()
    expect(profile).toEqual({
      display_name: 'Jo Park-Lee',
      company: 'Acme Logistics',
      job_title: 'Operations lead',
      industry: 'Logistics',
      recognition_preference: 'small_gift',
      goals: ['learn'],
      show_on_wall: true,
      wall_show_name: false,
      wall_show_company: true,
      wall_show_photo: false,
    })

    // Retake: a fresh start; the new result counts and the old one is kept.
    await page.getByRole('link', { name: 'Retake the survey' }).click()
    for (const [index, label] of STATUS_SEEKER.entries()) {
      await expectStep(page, index + 1)
      await expect(page.getByRole('radio', { checked: true })).toHaveCount(0)
      await page.getByRole('radio', { name: label }).check()
      await page.getByRole('button', { name: index === 4 ? 'See my result' : 'Next' }).click()
    }
    await expect(page.getByRole('heading', { level: 1, name: 'You’re a Status Seeker' })).toBeVisible()
    // Their confirmed choice is kept over the new prediction.
    await expect(page.getByRole('radio', { name: 'A small gift or cash incentive' })).toBeChecked()
    await page.getByRole('button', { name: 'Save and go to my home' }).click()
    await expect(page.getByText('Your advocate personality: Status Seeker')).toBeVisible()
    expect(await results(user.id)).toMatchObject([
      { label: 'Collaborator', primary_personality: 'collaborator' },
      { label: 'Status Seeker', primary_personality: 'status_seeker' },
    ])
    await page.getByRole('link', { name: 'See your profile' }).click()
    await expect(chart.getByRole('listitem').last()).toHaveText('Collaborator 0 of 5')
  })
})

test.describe('edges', () => {
  // The 404 document response is logged by the browser itself.
  test.use({ allowConsoleErrors: [/status of 404/] })

  test('a profile without a result offers the survey; skipping ahead lands on the open question; admins are not surveyed', async ({
    page,
    context,
  }) => {
    const user = await createUser()
    await addSessionCookies(context, user)
    await page.goto('/profile')
    await expect(page).toHaveURL('/profile')
    await expect(page.getByText('You haven’t taken the welcome survey yet.')).toBeVisible()
    await page.getByRole('link', { name: 'Take the survey' }).click()
    await expect(page).toHaveURL('/welcome')

    await page.goto('/welcome/survey/4')
    await expectStep(page, 1)
    expect((await page.goto('/welcome/survey/6'))?.status()).toBe(404)

    await context.clearCookies()
    await addSessionCookies(context, await createUser({ role: 'admin' }))
    await page.goto('/')
    await expect(page).toHaveURL('/')
    await expect(page.getByRole('heading', { level: 1, name: /Welcome back/ })).toBeVisible()
  })
})
