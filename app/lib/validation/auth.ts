/**
 * Schemas for the sign-in, sign-up and password forms. The same schema validates on the server
 * (`parseWithZod`) and gives the browser its constraints (`getZodConstraint`).
 */
import { z } from 'zod'

/** Mirrors `minimum_password_length` in supabase/config.toml; the Auth server enforces the real policy. */
export const PASSWORD_MIN_LENGTH = 12
/** bcrypt ignores everything past 72 bytes, so the Auth server refuses longer passwords. */
export const PASSWORD_MAX_BYTES = 72
export const OTP_LENGTH = 6
export const DISPLAY_NAME_MAX_LENGTH = 60

export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters.`

export const EmailSchema = z
  .string({ required_error: 'Enter your e-mail address.' })
  .trim()
  .min(1, 'Enter your e-mail address.')
  .max(254, 'That e-mail address is too long.')
  .email('Enter an e-mail address like name@example.com.')
  .transform((value) => value.toLowerCase())

/** For signing in: any non-empty password, so an old password that predates a stricter policy still works. */
export const CurrentPasswordSchema = z
  .string({ required_error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(200, 'That password is too long.')

export const NewPasswordSchema = z
  .string({ required_error: 'Choose a password.' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES, `Use at most ${PASSWORD_MAX_BYTES} characters.`)

export const OtpSchema = z
  .string({ required_error: `Enter the ${OTP_LENGTH}-digit code from the e-mail.` })
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(new RegExp(`^\\d{${OTP_LENGTH}}$`), `The code is ${OTP_LENGTH} digits, like 123456.`))

export const DisplayNameSchema = z
  .string({ required_error: 'Enter the name other advocates will see.' })
  .trim()
  .min(1, 'Enter the name other advocates will see.')
  .max(DISPLAY_NAME_MAX_LENGTH, `Keep it under ${DISPLAY_NAME_MAX_LENGTH} characters.`)

/** Carried through every step as a hidden field; always passed through `safeRedirect` before use. */
const RedirectToSchema = z.string().optional()

export const MagicLinkSchema = z.object({ email: EmailSchema, redirectTo: RedirectToSchema })

export const PasswordSignInSchema = z.object({ email: EmailSchema, password: CurrentPasswordSchema, redirectTo: RedirectToSchema })

export const VerifyCodeSchema = z.object({ email: EmailSchema, code: OtpSchema, redirectTo: RedirectToSchema })

export const SignupSchema = z.object({
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: NewPasswordSchema,
  redirectTo: RedirectToSchema,
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

const NewPasswordFields = { password: NewPasswordSchema, confirmPassword: z.string({ required_error: 'Type the new password again.' }) }
const passwordsMatch = (value: { password: string; confirmPassword: string }) => value.password === value.confirmPassword
const MISMATCH = { path: ['confirmPassword'], message: 'The two passwords don’t match.' }

/** A fresh recovery session (ADR 009): the new password alone. */
export const ResetPasswordSchema = z.object(NewPasswordFields).refine(passwordsMatch, MISMATCH)

/** The two buttons on /reset-password: e-mail me a code, and save the new password. */
export const SEND_CODE_INTENT = 'send-code'
export const CHANGE_PASSWORD_INTENT = 'change-password'

/** Any other session (ADR 009): the code e-mailed by "send me a code" as well. */
export const ChangePasswordSchema = z.object({ code: OtpSchema, ...NewPasswordFields }).refine(passwordsMatch, MISMATCH)
