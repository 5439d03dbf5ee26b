/**
 * The guided form for completing each kind of ask, built from the program playbook (domain.md §3,
 * testimonial and review guidance). Field names are the keys of the shared Zod schemas in
 * supabase/functions/_shared/submission-schemas.ts, which validate on the server; this file is
 * only the words and controls, so the browser gets no Zod.
 */
import type { OpportunityType } from '../../supabase/functions/_shared/matching/types.ts'
// Types only: the browser bundle gets no Zod, but a renamed schema key fails typecheck here.
import type { SubmissionPayloads } from '../../supabase/functions/_shared/submission-schemas.ts'

/** The field names of one type's form: the keys of its schema. */
export type SubmissionFieldNameOf<T extends OpportunityType> = keyof SubmissionPayloads[T] & string
/** Every field name some completion form uses. */
export type SubmissionFieldName = { [T in OpportunityType]: SubmissionFieldNameOf<T> }[OpportunityType]

export type FieldControl = 'text' | 'email' | 'url' | 'textarea' | 'consent' | 'confirm' | 'rating' | 'availability' | 'calls-per-quarter'

export interface FieldSpec<Name extends string = SubmissionFieldName> {
  name: Name
  label: string
  control: FieldControl
  hint?: string
  /** Shown only when the ask carries an incentive disclosure (reviews). */
  onlyWithDisclosure?: boolean
}

export interface FormSpec<Name extends string = SubmissionFieldName> {
  intro: string
  fields: FieldSpec<Name>[]
  submitLabel: string
}

const CONSENT: FieldSpec<'consentToPublish'> = {
  name: 'consentToPublish',
  label: 'You may publish this with my name, job title and company',
  control: 'consent',
  hint: 'Off unless you tick it. Without it, we only use your words without naming you, and we always check with you first.',
}

const CONTACT: FieldSpec<SubmissionFieldNameOf<'referral' | 'peer_intro'>>[] = [
  { name: 'contactName', label: 'Their name', control: 'text' },
  { name: 'contactEmail', label: 'Their work e-mail', control: 'email' },
  { name: 'contactCompany', label: 'Their company', control: 'text' },
  {
    name: 'contactAgreed',
    label: 'They agreed that we may contact them',
    control: 'confirm',
    hint: 'Please ask them first. We never contact anyone who hasn’t agreed.',
  },
  { name: 'note', label: 'Anything we should know? (optional)', control: 'textarea' },
]

const TALK: FieldSpec<SubmissionFieldNameOf<'speaking' | 'content_co_creation'>>[] = [
  { name: 'topic', label: 'Your topic', control: 'text', hint: 'A working title is fine.' },
  {
    name: 'abstract',
    label: 'What would you share?',
    control: 'textarea',
    hint: 'A few sentences: the problem, what you did, what others can learn.',
  },
]

export const SUBMISSION_FORMS: { [T in OpportunityType]: FormSpec<SubmissionFieldNameOf<T>> } = {
  testimonial: {
    intro: 'Three short prompts. Your own words are best; a few sentences each is plenty.',
    fields: [
      {
        name: 'results',
        label: 'What results have you seen?',
        control: 'textarea',
        hint: 'Numbers help: hours saved, costs cut, faster onboarding…',
      },
      { name: 'story', label: 'What was it like before, and what changed?', control: 'textarea' },
      { name: 'recommendation', label: 'Who would you recommend us to, and why?', control: 'textarea' },
      CONSENT,
    ],
    submitLabel: 'Send my testimonial',
  },
  review: {
    intro: 'Post your honest review on the review site, then tell us here. Positive or not, every honest review helps.',
    fields: [
      { name: 'rating', label: 'The star rating you gave', control: 'rating' },
      { name: 'reviewUrl', label: 'Link to your review (optional)', control: 'url', hint: 'Starts with https://' },
      { name: 'confirmedPosted', label: 'I’ve posted my review', control: 'confirm' },
      { name: 'disclosureAcknowledged', label: 'I’ve read the disclosure above', control: 'confirm', onlyWithDisclosure: true },
    ],
    submitLabel: 'Confirm my review',
  },
  video_clip: {
    intro: 'Share a link to your short clip (an unlisted video link works).',
    fields: [{ name: 'clipUrl', label: 'Link to your clip', control: 'url', hint: 'Starts with https://' }, CONSENT],
    submitLabel: 'Send my clip',
  },
  written_story: {
    intro: 'Tell your story in your own words. We’ll send you any edit for approval before it goes anywhere.',
    fields: [{ name: 'story', label: 'Your story', control: 'textarea' }, CONSENT],
    submitLabel: 'Send my story',
  },
  case_study: {
    intro: 'Thanks for your interest! These three answers give our writers a head start; we’ll arrange a short interview for the rest.',
    fields: [
      { name: 'challenge', label: 'The challenge you faced', control: 'textarea' },
      { name: 'solution', label: 'How you solved it with us', control: 'textarea' },
      { name: 'results', label: 'The results so far', control: 'textarea', hint: 'Numbers help, even rough ones.' },
      CONSENT,
    ],
    submitLabel: 'Send my interest',
  },
  reference_call: {
    intro: 'A prospect would like to hear from a peer. Tell us when suits you, and how often you’re happy to do this.',
    fields: [
      { name: 'availability', label: 'When are you usually free?', control: 'availability' },
      {
        name: 'maxCallsPerQuarter',
        label: 'At most, how many calls per quarter?',
        control: 'calls-per-quarter',
        hint: 'We never go over what you choose.',
      },
      {
        name: 'notes',
        label: 'Anything else? (optional)',
        control: 'textarea',
        hint: 'Topics you’d rather avoid, time zone, best way to reach you.',
      },
    ],
    submitLabel: 'Send my availability',
  },
  speaking: { intro: 'Propose a talk. Short is fine; we’ll help you shape it.', fields: TALK, submitLabel: 'Send my proposal' },
  content_co_creation: { intro: 'Suggest what you’d like to create with us.', fields: TALK, submitLabel: 'Send my idea' },
  advisory_board: {
    intro: 'Apply to join the advisory board.',
    fields: [
      { name: 'motivation', label: 'Why would you like to join?', control: 'textarea' },
      { name: 'expertise', label: 'What expertise would you bring?', control: 'textarea' },
    ],
    submitLabel: 'Send my application',
  },
  referral: { intro: 'Introduce someone who could benefit. Only with their agreement.', fields: CONTACT, submitLabel: 'Send my referral' },
  peer_intro: {
    intro: 'Introduce a peer to another customer. Only with their agreement.',
    fields: CONTACT,
    submitLabel: 'Send my introduction',
  },
  social_share: {
    intro: 'Share the post, then paste the link to your share here.',
    fields: [{ name: 'postUrl', label: 'Link to your post', control: 'url', hint: 'Starts with https://' }],
    submitLabel: 'Send the link',
  },
  beta_feedback: {
    intro: 'What worked, what didn’t, what you expected. Everything helps the product team.',
    fields: [{ name: 'feedback', label: 'Your feedback', control: 'textarea' }],
    submitLabel: 'Send my feedback',
  },
}

/** The values of the schema's `availability` enum, in the advocate's words. */
export const AVAILABILITY_CHOICES = [
  { value: 'weekday_morning', label: 'Weekday mornings' },
  { value: 'weekday_afternoon', label: 'Weekday afternoons' },
  { value: 'weekday_evening', label: 'Weekday evenings' },
] as const

export const CALLS_PER_QUARTER_CHOICES = [
  { value: '1', label: 'One call' },
  { value: '2', label: 'Two calls', hint: 'The most we ever ask for' },
] as const

export const RATING_CHOICES = [5, 4, 3, 2, 1].map((stars) => ({ value: String(stars), label: `${stars} star${stars === 1 ? '' : 's'}` }))
