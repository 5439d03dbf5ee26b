/**
 * The per-type submission schemas (ADR 006 "Payloads") in both shapes they receive: a form
 * posted to a Remix action and parsed with Conform's `parseWithZod` (strings, 'on' or nothing
 * for a checkbox, repeated keys for several ticked boxes), and the JSON body of `submit-ask`.
 * Both must give the same payload, and the same messages for the same mistakes.
 */
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, test } from 'vitest'
import { OPPORTUNITY_TYPES, type OpportunityType } from './matching/types.ts'
import { LONG, VALID_PAYLOADS } from './submission-schemas.fixtures.ts'
import { AVAILABILITY_WINDOWS, fieldErrorsOf, SUBMISSION_SCHEMAS, submissionSchemaFor } from './submission-schemas.ts'

/** The form a browser would post for a JSON payload: booleans as 'on' or absent, numbers as strings, arrays as repeated keys. */
function asForm(payload: Record<string, unknown>): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(payload)) {
    if (value === true) form.append(key, 'on')
    else if (value === false || value === undefined) continue
    else if (Array.isArray(value)) for (const item of value) form.append(key, String(item))
    else form.append(key, String(value))
  }
  return form
}

function fromForm(type: OpportunityType, form: FormData, requiresDisclosure = false) {
  return parseWithZod(form, { schema: submissionSchemaFor(type, { requiresDisclosure }) })
}

function jsonErrors(type: OpportunityType, payload: unknown, requiresDisclosure = false): Record<string, string[]> {
  const result = submissionSchemaFor(type, { requiresDisclosure }).safeParse(payload)
  expect(result.success, 'expected the payload to be refused').toBe(false)
  return result.success ? {} : fieldErrorsOf(result.error)
}

describe('a schema for every opportunity type', () => {
  test('SUBMISSION_SCHEMAS covers the 13 types, no more', () => {
    expect(Object.keys(SUBMISSION_SCHEMAS).sort()).toEqual([...OPPORTUNITY_TYPES].sort())
  })

  test.each(OPPORTUNITY_TYPES)('%s: a valid JSON body and the same answers posted as a form give the same payload', (type) => {
    const { json, parsed } = VALID_PAYLOADS[type]
    const fromJson = submissionSchemaFor(type, { requiresDisclosure: false }).safeParse(json)
    expect(fromJson.success && fromJson.data).toEqual(parsed)
    const form = fromForm(type, asForm(json))
    expect(form.status).toBe('success')
    expect(form.status === 'success' && form.value).toEqual(parsed)
  })

  test.each(OPPORTUNITY_TYPES)('%s: an empty submission names every required field, in both shapes', (type) => {
    const errors = jsonErrors(type, {})
    const form = fromForm(type, new FormData())
    expect(form.status).toBe('error')
    const formErrors = form.status === 'error' ? (form.error ?? {}) : {}
    expect(Object.keys(formErrors).sort()).toEqual(Object.keys(errors).sort())
    for (const [field, messages] of Object.entries(errors)) {
      expect(formErrors[field]).toEqual(messages)
      // One sentence a person can act on, never Zod's "Required" or "Expected …".
      expect(messages).toHaveLength(1)
      expect(messages[0]).not.toMatch(/^(Required|Expected|Invalid)/)
    }
    expect(Object.keys(errors).length).toBeGreaterThan(0)
  })
})

describe('consent is never assumed', () => {
  test.each(['testimonial', 'video_clip', 'written_story', 'case_study'] as const)('%s: consentToPublish is false unless given', (type) => {
    const { consentToPublish: _omitted, ...json } = VALID_PAYLOADS[type].json
    const parsed = SUBMISSION_SCHEMAS[type].safeParse(json)
    expect(parsed.success && parsed.data.consentToPublish).toBe(false)
    const form = fromForm(type, asForm(json))
    expect(form.status === 'success' && form.value.consentToPublish).toBe(false)
    const ticked = asForm(json)
    ticked.append('consentToPublish', 'on')
    const withConsent = fromForm(type, ticked)
    expect(withConsent.status === 'success' && withConsent.value.consentToPublish).toBe(true)
    expect(SUBMISSION_SCHEMAS[type].safeParse({ ...json, consentToPublish: 'yes please' }).success).toBe(false)
  })
})

describe('messages per field', () => {
  test('short text asks for a little more; whitespace is not an answer', () => {
    const errors = jsonErrors('testimonial', { ...VALID_PAYLOADS.testimonial.json, results: '  Good.  ', story: '   ' })
    expect(errors.results).toEqual(['Tell us a little more (at least 20 characters)'])
    expect(errors.story).toEqual(['Tell us what it was like before, and what changed'])
  })

  test('overlong text says the limit', () => {
    const errors = jsonErrors('beta_feedback', { feedback: 'x'.repeat(4001) })
    expect(errors.feedback).toEqual(['Please keep it under 4,000 characters'])
  })

  test('text is trimmed', () => {
    const parsed = SUBMISSION_SCHEMAS.beta_feedback.safeParse({ feedback: `  ${LONG}\n` })
    expect(parsed.success && parsed.data.feedback).toBe(LONG)
  })

  test.each([
    ['http://www.linkedin.com/posts/1'],
    ['ftp://example.com/post'],
    ['www.linkedin.com/posts/1'],
    ['https://exa mple.com/post'],
    ['javascript:alert(1)'],
  ])('links must be https: %s is refused', (postUrl) => {
    expect(jsonErrors('social_share', { postUrl }).postUrl).toEqual(['Paste the full link, starting with https://'])
  })

  test('a required link that is missing says what to paste', () => {
    expect(jsonErrors('video_clip', {}).clipUrl).toEqual(['Paste the link to your clip'])
    expect(jsonErrors('social_share', { postUrl: 'https://x.example/' + 'a'.repeat(2048) }).postUrl).toEqual([
      'Links can be at most 2,048 characters',
    ])
  })

  test('review: confirmedPosted must be ticked; the rating is 1 to 5; the link is optional but https', () => {
    const errors = jsonErrors('review', { confirmedPosted: false, rating: 6, reviewUrl: 'http://g2.com/r/1' })
    expect(errors).toEqual({
      confirmedPosted: ['Please confirm you posted your review'],
      rating: ['Choose the star rating you gave, from 1 to 5'],
      reviewUrl: ['Paste the full link, starting with https://'],
    })
    const blankLink = SUBMISSION_SCHEMAS.review.safeParse({ confirmedPosted: true, rating: '5', reviewUrl: '  ' })
    expect(blankLink.success && blankLink.data).toEqual({ confirmedPosted: true, rating: 5, disclosureAcknowledged: false })
    expect(jsonErrors('review', { confirmedPosted: true, rating: 3.5 }).rating).toEqual(['Choose the star rating you gave, from 1 to 5'])
  })

  test('review with a disclosure: it must be acknowledged, in both shapes', () => {
    const json = VALID_PAYLOADS.review.json
    expect(jsonErrors('review', json, true)).toEqual({ disclosureAcknowledged: ['Please confirm you’ve read the disclosure'] })
    expect(fromForm('review', asForm(json), true).status).toBe('error')
    const acknowledged = submissionSchemaFor('review', { requiresDisclosure: true }).safeParse({ ...json, disclosureAcknowledged: true })
    expect(acknowledged.success && acknowledged.data.disclosureAcknowledged).toBe(true)
    const form = fromForm('review', asForm({ ...json, disclosureAcknowledged: true }), true)
    expect(form.status === 'success' && form.value).toEqual({ ...VALID_PAYLOADS.review.parsed, disclosureAcknowledged: true })
    // Without a disclosure the same schema does not demand it.
    expect(submissionSchemaFor('review', { requiresDisclosure: false }).safeParse(json).success).toBe(true)
  })

  test('reference call: one or more listed times, one or two calls per quarter', () => {
    expect(jsonErrors('reference_call', { availability: [], maxCallsPerQuarter: 3 })).toEqual({
      availability: ['Choose at least one time that suits you'],
      maxCallsPerQuarter: ['Choose one or two calls per quarter'],
    })
    expect(jsonErrors('reference_call', { availability: ['weekend'], maxCallsPerQuarter: 1 }).availability).toEqual([
      'Choose from the times listed',
    ])
    // A single ticked box arrives as one string; a repeat is dropped; numbers come as strings.
    const form = new FormData()
    form.append('availability', 'weekday_afternoon')
    form.append('maxCallsPerQuarter', '1')
    form.append('notes', '')
    const single = fromForm('reference_call', form)
    expect(single.status === 'success' && single.value).toEqual({ availability: ['weekday_afternoon'], maxCallsPerQuarter: 1 })
    const repeated = SUBMISSION_SCHEMAS.reference_call.safeParse({
      availability: ['weekday_morning', 'weekday_morning'],
      maxCallsPerQuarter: '2',
    })
    expect(repeated.success && repeated.data).toEqual({ availability: ['weekday_morning'], maxCallsPerQuarter: 2 })
    expect(AVAILABILITY_WINDOWS.map((w) => w.value)).toEqual(['weekday_morning', 'weekday_afternoon', 'weekday_evening'])
    expect(AVAILABILITY_WINDOWS.every((w) => w.label.length > 0)).toBe(true)
  })

  test('referral and peer intro: a real e-mail, and they must have agreed', () => {
    for (const type of ['referral', 'peer_intro'] as const) {
      const errors = jsonErrors(type, { ...VALID_PAYLOADS[type].json, contactEmail: 'jo at globex', contactAgreed: false })
      expect(errors).toEqual({
        contactEmail: ['Check the e-mail address (it should look like name@company.com)'],
        contactAgreed: ['Please confirm they agreed that we may contact them'],
      })
    }
  })

  test('fields the schema does not know are dropped, not stored', () => {
    const parsed = SUBMISSION_SCHEMAS.beta_feedback.safeParse({ feedback: LONG, intent: 'submit', disclosure: { text: 'forged' } })
    expect(parsed.success && parsed.data).toEqual({ feedback: LONG })
  })
})
