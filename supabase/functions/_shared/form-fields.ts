/**
 * Zod builders for form fields that must parse the same whether they come from a Remix form
 * (Conform's `parseWithZod`: strings, 'on' for a ticked box, nothing for an unticked one) or a
 * JSON body (booleans, numbers), each with the sentence a person sees when it is wrong. Used by
 * submission-schemas.ts. No Deno- or Node-only API; bare `zod` import as in the other shared files.
 */
import { z } from 'zod'

/** The longest link we store (opportunities.action_url and content_items.url agree). */
export const MAX_URL_LENGTH = 2048

export const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** 'on' (a ticked checkbox) and 'true' are true, 'false' is false; anything else is left for Zod to judge. */
const checkboxValue = (value: unknown) => (value === 'on' || value === 'true' ? true : value === 'false' ? false : value)

/** Blank (empty or spaces only) is the same as absent, so it gets the "required" message, once. */
export const blankAsAbsent = (value: unknown) => (isBlank(value) ? undefined : value)

/** Required free text, trimmed, with a message for each way it can be wrong. */
export function text(options: { required: string; min: number; max: number; short?: string }) {
  return z.preprocess(
    blankAsAbsent,
    z
      .string({ required_error: options.required, invalid_type_error: options.required })
      .trim()
      .min(options.min, options.short ?? `Tell us a little more (at least ${options.min} characters)`)
      .max(options.max, `Please keep it under ${options.max.toLocaleString('en-US')} characters`),
  )
}

/** Optional free text: blank is the same as absent. */
export function optionalText(max: number) {
  return z.preprocess(
    blankAsAbsent,
    z
      .string({ invalid_type_error: 'Please write this as text' })
      .trim()
      .max(max, `Please keep it under ${max.toLocaleString('en-US')} characters`)
      .optional(),
  )
}

export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\/[^\s/?#]+\S*$/i.test(value)) return false
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

export const HTTPS_MESSAGE = 'Paste the full link, starting with https://'

/** A required https link (the database stores nothing else). */
export function httpsUrl(required: string) {
  return z.preprocess(
    blankAsAbsent,
    z
      .string({ required_error: required, invalid_type_error: required })
      .trim()
      .max(MAX_URL_LENGTH, `Links can be at most ${MAX_URL_LENGTH.toLocaleString('en-US')} characters`)
      .refine(isHttpsUrl, HTTPS_MESSAGE),
  )
}

/** An optional https link: blank is the same as absent. */
export function optionalHttpsUrl() {
  return z.preprocess(
    blankAsAbsent,
    z
      .string({ invalid_type_error: HTTPS_MESSAGE })
      .trim()
      .max(MAX_URL_LENGTH, `Links can be at most ${MAX_URL_LENGTH.toLocaleString('en-US')} characters`)
      .refine(isHttpsUrl, HTTPS_MESSAGE)
      .optional(),
  )
}

/** A choice the advocate may make or not; never pre-ticked, so absent means false. */
export function consent() {
  return z.preprocess(checkboxValue, z.boolean({ invalid_type_error: 'Tick the box or leave it empty' })).default(false)
}

/** A box that must be ticked to hand in (the advocate confirms something that is true). */
export function mustConfirm(message: string) {
  return z.preprocess(checkboxValue, z.literal(true, { errorMap: () => ({ message }) }))
}

/** A whole number from a form string or a JSON number. */
export function wholeNumber(min: number, max: number, message: string) {
  return z.preprocess(
    (value) => (isBlank(value) ? undefined : typeof value === 'string' ? Number(value) : value),
    z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message),
  )
}
