/**
 * A time zone sent by a browser or typed on the profile (ADR 013). Server-side only, like the
 * other schemas: the shell's client code needs `dates.ts` without bringing Zod to the browser.
 */
import { z } from 'zod'
import { canonicalTimeZone } from '../dates.ts'

/** A zone name from a browser: something Intl accepts, sent back in its canonical spelling. */
export const TimeZoneSchema = z
  .string({ required_error: 'Send your time zone.', invalid_type_error: 'Send your time zone.' })
  .trim()
  .min(1, 'Send your time zone.')
  .max(64, 'That isn’t a time zone we know (use an IANA name such as Australia/Sydney).')
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value)
    if (canonical) return canonical
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'That isn’t a time zone we know (use an IANA name such as Australia/Sydney).' })
    return z.NEVER
  })
