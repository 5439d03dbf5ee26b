/** Shared input rules for request bodies. */
import { z } from 'zod'
import { badRequest } from './errors.ts'

/**
 * The address syntax Supabase Auth accepts (GoTrue's validateEmail uses
 * badoux/checkmail's ValidateFormat): a local part of letters, digits and
 * `.!#$%&'*+/=?^_`{|}~-`, then `@` and dot-separated host labels of letters, digits and
 * inner hyphens, each at most 63 characters. A dot in the host is not required.
 */
const LOCAL_PART = "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?'
const EMAIL = new RegExp(`^${LOCAL_PART}@${LABEL}(?:\\.${LABEL})*$`)
const MAX_EMAIL_LENGTH = 255

/** True when Supabase Auth would accept the address's format. */
export const isValidEmailFormat = (email: string): boolean => EMAIL.test(email)

/**
 * Checks an address as GoTrue does (nothing is trimmed: a stray space is an invalid
 * format) and lower-cases it; 400 `validation_failed` when unusable.
 */
export function requireEmail(raw: string | undefined | null): string {
  const email = raw ?? ''
  if (!email) throw badRequest('An email address is required')
  if (email.length > MAX_EMAIL_LENGTH) throw badRequest('An email address is too long')
  if (!isValidEmailFormat(email)) throw badRequest('Unable to validate email address: invalid format')
  return email.toLowerCase()
}

export const MetadataSchema = z.record(z.unknown())

/** Fields auth-js adds to e-mail requests when the client uses the PKCE flow. */
export const PkceFields = {
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
}

const E164 = /^[1-9][0-9]{1,14}$/

/** GoTrue's validatePhone: drops a leading `+` and spaces, then requires E.164 digits. */
export function requirePhone(raw: string): string {
  const phone = raw.replace(/^\+/, '').replaceAll(' ', '')
  if (!E164.test(phone)) throw badRequest('Invalid phone number format (E.164 required)')
  return phone
}
