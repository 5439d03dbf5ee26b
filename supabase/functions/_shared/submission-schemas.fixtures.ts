/**
 * A valid payload for every opportunity type, as a client would send it and as the schema
 * parses it (consent flags filled in): shared by the schema unit tests and the submit-ask tests.
 */
import type { OpportunityType } from './matching/types.ts'

export const LONG = 'We cut the weekly reporting from a full day to under two hours, across four teams.'

/** A valid JSON payload per type, and the payload the schema makes of it. */
export const VALID_PAYLOADS: Record<OpportunityType, { json: Record<string, unknown>; parsed: Record<string, unknown> }> = {
  testimonial: {
    json: { results: LONG, story: LONG, recommendation: 'Operations teams with too many spreadsheets.' },
    parsed: { results: LONG, story: LONG, recommendation: 'Operations teams with too many spreadsheets.', consentToPublish: false },
  },
  review: {
    json: { confirmedPosted: true, rating: 4, reviewUrl: 'https://www.g2.com/reviews/123' },
    parsed: { confirmedPosted: true, rating: 4, reviewUrl: 'https://www.g2.com/reviews/123', disclosureAcknowledged: false },
  },
  video_clip: {
    json: { clipUrl: 'https://videos.example.com/clip/42', consentToPublish: true },
    parsed: { clipUrl: 'https://videos.example.com/clip/42', consentToPublish: true },
  },
  written_story: { json: { story: `${LONG} ${LONG}` }, parsed: { story: `${LONG} ${LONG}`, consentToPublish: false } },
  case_study: {
    json: { challenge: LONG, solution: LONG, results: LONG, consentToPublish: false },
    parsed: { challenge: LONG, solution: LONG, results: LONG, consentToPublish: false },
  },
  reference_call: {
    json: { availability: ['weekday_morning', 'weekday_evening'], maxCallsPerQuarter: 2 },
    parsed: { availability: ['weekday_morning', 'weekday_evening'], maxCallsPerQuarter: 2 },
  },
  speaking: { json: { topic: 'Reporting at scale', abstract: LONG }, parsed: { topic: 'Reporting at scale', abstract: LONG } },
  content_co_creation: { json: { topic: 'A guide to exports', abstract: LONG }, parsed: { topic: 'A guide to exports', abstract: LONG } },
  advisory_board: { json: { motivation: LONG, expertise: LONG }, parsed: { motivation: LONG, expertise: LONG } },
  referral: {
    json: { contactName: 'Jo Bloggs', contactEmail: 'jo@globex.example', contactCompany: 'Globex', contactAgreed: true },
    parsed: { contactName: 'Jo Bloggs', contactEmail: 'jo@globex.example', contactCompany: 'Globex', contactAgreed: true },
  },
  peer_intro: {
    json: {
      contactName: 'Sam Lee',
      contactEmail: 'sam@initech.example',
      contactCompany: 'Initech',
      contactAgreed: true,
      note: 'Evaluating in Q3.',
    },
    parsed: {
      contactName: 'Sam Lee',
      contactEmail: 'sam@initech.example',
      contactCompany: 'Initech',
      contactAgreed: true,
      note: 'Evaluating in Q3.',
    },
  },
  social_share: {
    json: { postUrl: 'https://www.linkedin.com/posts/me-123' },
    parsed: { postUrl: 'https://www.linkedin.com/posts/me-123' },
  },
  beta_feedback: { json: { feedback: LONG }, parsed: { feedback: LONG } },
}
