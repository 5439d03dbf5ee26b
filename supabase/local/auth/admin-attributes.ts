/** Attributes shared by POST /admin/users and PUT /admin/users/{id}. */
import { z } from 'zod'
import { parseGoDuration } from '../config.ts'
import type { AuthConfig } from '../config.ts'
import { badRequest } from './errors.ts'
import { hashPassword, requireAcceptablePassword } from './passwords.ts'
import { MetadataSchema } from './validation.ts'

export const AdminUserSchema = z.object({
  id: z.string().uuid().optional(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  password: z.string().nullish(),
  password_hash: z.string().nullish(),
  email_confirm: z.boolean().nullish(),
  phone_confirm: z.boolean().nullish(),
  user_metadata: MetadataSchema.nullish(),
  app_metadata: MetadataSchema.nullish(),
  role: z.string().min(1).optional(),
  ban_duration: z.string().nullish(),
})
export type AdminUserAttributes = z.infer<typeof AdminUserSchema>

/** `ban_duration`: "none" lifts a ban; otherwise a Go duration such as "24h" from now. */
export function bannedUntil(banDuration: string): Date | null {
  if (banDuration === 'none') return null
  let seconds: number
  try {
    seconds = parseGoDuration(banDuration)
  } catch {
    throw badRequest(`invalid format for ban duration: "${banDuration}" (use e.g. "24h" or "none")`)
  }
  return new Date(Date.now() + seconds * 1000)
}

/** The bcrypt hash to store: from `password` (policy-checked) or a given `password_hash`. */
export async function passwordHashFrom(config: AuthConfig, attributes: AdminUserAttributes): Promise<string | undefined> {
  if (attributes.password_hash != null) {
    if (!/^\$2[aby]\$\d\d\$/.test(attributes.password_hash)) throw badRequest('password_hash must be a bcrypt hash')
    return attributes.password_hash
  }
  if (attributes.password == null) return undefined
  requireAcceptablePassword(config, attributes.password)
  return hashPassword(attributes.password)
}
