/**
 * What an advocate hands in for each type of ask (docs/decisions/006-asking-and-completing.md
 * "Payloads"): one flat schema per opportunity type whose keys are the form's field names, so
 * the same schema validates the Remix form (Conform's `parseWithZod`) and the `submit-ask`
 * function's JSON body, with the messages the form shows.
 *
 * Both shapes parse: form values arrive as strings ('on' for a ticked box, nothing for an
 * unticked one, '2' for a number, one string for a single ticked option), JSON as booleans,
 * numbers and arrays. Blank optional fields become absent. Consent is never assumed: it defaults
 * to false (the field builders are in form-fields.ts). No Deno- or Node-only API here.
 */
import { z } from 'zod'
import { blankAsAbsent, consent, httpsUrl, isBlank, mustConfirm, optionalHttpsUrl, optionalText, text, wholeNumber } from './form-fields.ts'
import type { OpportunityType } from './matching/types.ts'

/** When a reference customer is usually free for a call, in the advocate's words. */
export const AVAILABILITY_WINDOWS = [
  { value: 'weekday_morning', label: 'Weekday mornings' },
  { value: 'weekday_afternoon', label: 'Weekday afternoons' },
  { value: 'weekday_evening', label: 'Weekday evenings' },
] as const
export type AvailabilityWindow = (typeof AVAILABILITY_WINDOWS)[number]['value']
const AVAILABILITY_VALUES = AVAILABILITY_WINDOWS.map((w) => w.value) as [AvailabilityWindow, ...AvailabilityWindow[]]

// ---------------------------------------------------------------------------------------------
// One schema per type

export const TestimonialSubmissionSchema = z.object({
  results: text({ required: 'Tell us about the results you’ve seen', min: 20, max: 2000 }),
  story: text({ required: 'Tell us what it was like before, and what changed', min: 20, max: 4000 }),
  recommendation: text({ required: 'Tell us who you’d recommend us to, and why', min: 10, max: 1000 }),
  consentToPublish: consent(),
})

const reviewFields = {
  reviewUrl: optionalHttpsUrl(),
  confirmedPosted: mustConfirm('Please confirm you posted your review'),
  rating: wholeNumber(1, 5, 'Choose the star rating you gave, from 1 to 5'),
}

/** A review whose ask carries no incentive: there is nothing to acknowledge. */
export const ReviewSubmissionSchema = z.object({ ...reviewFields, disclosureAcknowledged: consent() })

/** A review whose ask carries an incentive: the advocate must acknowledge its disclosure. */
export const DisclosedReviewSubmissionSchema = z.object({
  ...reviewFields,
  disclosureAcknowledged: mustConfirm('Please confirm you’ve read the disclosure'),
})

export const VideoClipSubmissionSchema = z.object({
  clipUrl: httpsUrl('Paste the link to your clip'),
  consentToPublish: consent(),
})

export const WrittenStorySubmissionSchema = z.object({
  story: text({ required: 'Tell us your story', min: 50, max: 10000 }),
  consentToPublish: consent(),
})

export const CaseStudySubmissionSchema = z.object({
  challenge: text({ required: 'Tell us about the challenge you faced', min: 20, max: 2000 }),
  solution: text({ required: 'Tell us how you solved it', min: 20, max: 2000 }),
  results: text({ required: 'Tell us about the results so far', min: 20, max: 2000 }),
  consentToPublish: consent(),
})

const AVAILABILITY_MESSAGE = 'Choose at least one time that suits you'

export const ReferenceCallSubmissionSchema = z.object({
  availability: z.preprocess(
    // One ticked box arrives as a single string; repeats are dropped.
    (value) => (isBlank(value) ? [] : Array.isArray(value) ? [...new Set(value)] : [value]),
    z
      .array(z.enum(AVAILABILITY_VALUES, { errorMap: () => ({ message: 'Choose from the times listed' }) }), {
        invalid_type_error: AVAILABILITY_MESSAGE,
      })
      .min(1, AVAILABILITY_MESSAGE),
  ),
  maxCallsPerQuarter: wholeNumber(1, 2, 'Choose one or two calls per quarter'),
  notes: optionalText(1000),
})

const TalkSubmissionSchema = z.object({
  topic: text({
    required: 'Give your topic a working title',
    min: 5,
    max: 120,
    short: 'Give your topic a few more words (at least 5 characters)',
  }),
  abstract: text({ required: 'Tell us what you would share', min: 50, max: 2000 }),
})
export const SpeakingSubmissionSchema = TalkSubmissionSchema
export const ContentCoCreationSubmissionSchema = TalkSubmissionSchema

export const AdvisoryBoardSubmissionSchema = z.object({
  motivation: text({ required: 'Tell us why you’d like to join', min: 20, max: 2000 }),
  expertise: text({ required: 'Tell us what expertise you’d bring', min: 20, max: 2000 }),
})

const ContactSubmissionSchema = z.object({
  contactName: text({ required: 'Tell us their name', min: 2, max: 120, short: 'Tell us their full name' }),
  contactEmail: z.preprocess(
    blankAsAbsent,
    z
      .string({ required_error: 'Tell us their work e-mail', invalid_type_error: 'Tell us their work e-mail' })
      .trim()
      .max(254, 'That e-mail address is too long')
      .email('Check the e-mail address (it should look like name@company.com)'),
  ),
  contactCompany: text({ required: 'Tell us their company', min: 2, max: 120, short: 'Tell us their company’s full name' }),
  contactAgreed: mustConfirm('Please confirm they agreed that we may contact them'),
  note: optionalText(1000),
})
export const ReferralSubmissionSchema = ContactSubmissionSchema
export const PeerIntroSubmissionSchema = ContactSubmissionSchema

export const SocialShareSubmissionSchema = z.object({
  postUrl: httpsUrl('Paste the link to your post'),
})

export const BetaFeedbackSubmissionSchema = z.object({
  feedback: text({ required: 'Tell us what you thought of the beta', min: 20, max: 4000 }),
})

/** The schema per type; a review here needs no disclosure (use `submissionSchemaFor` for that). */
export const SUBMISSION_SCHEMAS = {
  review: ReviewSubmissionSchema,
  testimonial: TestimonialSubmissionSchema,
  video_clip: VideoClipSubmissionSchema,
  written_story: WrittenStorySubmissionSchema,
  case_study: CaseStudySubmissionSchema,
  reference_call: ReferenceCallSubmissionSchema,
  speaking: SpeakingSubmissionSchema,
  content_co_creation: ContentCoCreationSubmissionSchema,
  advisory_board: AdvisoryBoardSubmissionSchema,
  referral: ReferralSubmissionSchema,
  beta_feedback: BetaFeedbackSubmissionSchema,
  social_share: SocialShareSubmissionSchema,
  peer_intro: PeerIntroSubmissionSchema,
} satisfies Record<OpportunityType, z.ZodTypeAny>

/** The schema for an ask: a review whose opportunity has an incentive_disclosure must acknowledge it. */
export function submissionSchemaFor(type: OpportunityType, options: { requiresDisclosure: boolean }): z.ZodTypeAny {
  if (type === 'review' && options.requiresDisclosure) return DisclosedReviewSubmissionSchema
  return SUBMISSION_SCHEMAS[type]
}

/** The validated payload of each type, as parsed (before submit-ask adds a review's `disclosure`). */
export type SubmissionPayloads = { [T in OpportunityType]: z.infer<(typeof SUBMISSION_SCHEMAS)[T]> }

/** `submissions.payload` of a review whose ask carried an incentive: what the advocate was shown, and when they acknowledged it. */
export interface StoredDisclosure {
  text: string
  acknowledgedAt: string
}

/** `{ field: [message, …] }`, the shape of the `fieldErrors` submit-ask answers and the form shows. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : ''
    const messages = (result[field] ??= [])
    if (!messages.includes(issue.message)) messages.push(issue.message)
  }
  return result
}
