/** Shared input rules for request bodies. */
import { z } from 'zod'
import { badRequest } from './errors.ts'

// Deliberately simple, like GoTrue's: something@something.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Lower-cases and checks an address; 400 `validation_failed` when unusable. */
export function requireEmail(raw: string | undefined | null): string {
  const email = (raw ?? '').trim().toLowerCase()
  if (!email) throw badRequest('An email address is required')
  if (!EMAIL.test(email) || email.length > 255) throw badRequest('Unable to validate email address: invalid format')
  return email
}

export const MetadataSchema = z.record(z.unknown())

/** Fields auth-js adds to e-mail requests when the client uses the PKCE flow. */
export const PkceFields = {
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
}
