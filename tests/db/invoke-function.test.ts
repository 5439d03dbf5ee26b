/**
 * Issue 10 §4: the server calls functions through one `invokeFunction()` that returns a stable
 * code for each refusal, and the routes own the words. Through the real gateway and Deno.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { invokeFunction } from '../../app/lib/functions.server.ts'
import { SURVEY_SUBMIT_REFUSALS } from '../../app/routes/_app.welcome.survey.$step.server.ts'
import { anonClient, serviceClient } from '../stack/support/stack.ts'
import { activeSurvey, answersFor, createInactiveVersion, deleteVersion, type Survey } from './support/survey.ts'
import { signInAs, type SignedInPrincipal } from './support/principals.ts'

let advocate: SignedInPrincipal
let oldVersion: Survey
beforeAll(async () => {
  advocate = await signInAs({ name: 'advocate', label: 'invoke-function' })
  oldVersion = await createInactiveVersion('invoke-function')
})
afterAll(async () => {
  if (advocate) await serviceClient().auth.admin.deleteUser(advocate.user.id)
  if (oldVersion) await deleteVersion(oldVersion.versionId)
})

test('a refusal comes back as a status and a code, never thrown; the data when it works', async () => {
  const survey = await activeSurvey()
  const stale = await invokeFunction(advocate.client, 'survey-submit', {
    body: {
      surveyVersionId: oldVersion.versionId,
      answers: answersFor(oldVersion, ['educator', 'educator', 'validator', 'validator', 'collaborator']),
    },
  })
  expect(stale.refusal).toMatchObject({ status: 409, code: 'survey_changed' })
  expect(SURVEY_SUBMIT_REFUSALS[stale.refusal!.code]).toMatch(/updated the survey/)

  const mismatch = await invokeFunction(advocate.client, 'survey-submit', {
    body: {
      surveyVersionId: survey.versionId,
      answers: answersFor(survey, ['educator', 'educator', 'validator', 'validator', 'collaborator']).map((a, i) =>
        i === 0 ? { ...a, optionId: 987654321 } : a,
      ),
    },
  })
  expect(mismatch.refusal).toMatchObject({ status: 400, code: 'answers_mismatch' })

  const missingAsk = await invokeFunction(advocate.client, 'submit-ask', { body: { askId: 2_000_000_000, payload: {} } })
  expect(missingAsk.refusal).toMatchObject({ status: 404, code: 'not_found' })

  const badCursor = await invokeFunction(advocate.client, 'feed', { query: new URLSearchParams({ cursor: 'not-a-cursor' }) })
  expect(badCursor.refusal).toMatchObject({ status: 400, code: 'malformed' })

  const signedOut = await invokeFunction(anonClient(), 'feed')
  expect(signedOut.refusal).toMatchObject({ status: 401, code: 'unauthorized' })

  const page = await invokeFunction<'feed', { items: unknown[] }>(advocate.client, 'feed', { query: new URLSearchParams({ limit: '2' }) })
  expect(page.refusal).toBeNull()
  expect(Array.isArray(page.data?.items)).toBe(true)
})
