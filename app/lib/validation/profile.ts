/**
 * Schemas for the advocate's own profile: recognition preference, goals, work details and wall
 * consent (ADR 004). The enum values and their labels come from the survey's shared modules in
 * supabase/functions/_shared. The same schemas validate on the server and constrain the browser's fields.
 */
import { z } from 'zod'
import {
  ADVOCATE_GOALS,
  RECOGNITION_PREFERENCES,
  type AdvocateGoal,
  type RecognitionPreference,
} from '../../../supabase/functions/_shared/personality.ts'
import { TimeZoneSchema } from './time-zone.ts'
import { DisplayNameSchema } from './auth.ts'

export type { AdvocateGoal, RecognitionPreference }

/** Mirrors the database's check on company, job title and industry. */
export const WORK_FIELD_MAX_LENGTH = 120

const RecognitionSchema = z.enum(RECOGNITION_PREFERENCES, {
  required_error: 'Choose how you’d like to be thanked.',
  invalid_type_error: 'Choose how you’d like to be thanked.',
})

const GoalsSchema = z
  .array(z.enum(ADVOCATE_GOALS, { invalid_type_error: 'Choose from the goals listed.' }))
  .default([])
  .transform((goals) => [...new Set(goals)])

const workField = (what: string) =>
  z
    .string()
    .trim()
    .max(WORK_FIELD_MAX_LENGTH, `Keep your ${what} under ${WORK_FIELD_MAX_LENGTH} characters.`)
    .optional()
    // An emptied field clears the column rather than storing ''.
    .transform((value) => (value ? value : null))

/** The result page: confirm or change the predicted thank-you, and pick goals. */
export const PreferencesSchema = z.object({
  recognitionPreference: RecognitionSchema,
  goals: GoalsSchema,
})

/** Consent is never assumed: an unticked box arrives as nothing, which means no. */
const consent = z.boolean().default(false)

export const ProfileSchema = z.object({
  displayName: DisplayNameSchema,
  company: workField('company name'),
  jobTitle: workField('job title'),
  industry: workField('industry'),
  timeZone: TimeZoneSchema,
  recognitionPreference: RecognitionSchema,
  goals: GoalsSchema,
  showOnWall: consent,
  wallShowName: consent,
  wallShowCompany: consent,
  wallShowPhoto: consent,
})
