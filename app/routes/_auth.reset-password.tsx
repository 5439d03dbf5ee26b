import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { HeadersFunction, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, fieldProps, FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { buttonClass, Button } from '~/components/ui/button.tsx'
import { Field } from '~/components/ui/field.tsx'
import { useIsPending } from '~/lib/use-is-pending.ts'
import {
  CHANGE_PASSWORD_INTENT,
  ChangePasswordSchema,
  OTP_LENGTH,
  PASSWORD_RULE,
  ResetPasswordSchema,
  SEND_CODE_INTENT,
} from '~/lib/validation/auth.ts'
import { action, loader } from './_auth.reset-password.server.ts'

export { action, loader }

export default function ResetPasswordPage() {
  const { email, mode, updated, codeSent } = useLoaderData<typeof loader>()
  if (updated) {
    return (
      <>
        <AuthHeading title="Password changed" />
        <Alert tone="success">
          Your new password is set, and you’ve been signed out everywhere else. Use it the next time you sign in.
        </Alert>
        <Link to="/" className={buttonClass('primary', 'w-full')}>
          Continue to the portal
        </Link>
      </>
    )
  }
  if (mode === 'recovery' || codeSent) return <NewPasswordForm email={email} withCode={mode !== 'recovery'} />
  return (
    <>
      <AuthHeading title="Change your password">
        <p>
          For your security, we’ll first e-mail a {OTP_LENGTH}-digit code to{' '}
          <span className="break-all font-semibold text-ink">{email}</span>. You’ll type it here with your new password.
        </p>
      </AuthHeading>
      <SendCodeForm label="E-mail me a code" variant="primary" />
      <Link className="inline-flex min-h-11 items-center font-semibold" to="/profile">
        Cancel
      </Link>
    </>
  )
}

/** "Send me a code": GET /reauthenticate through the action. Also used to ask for a new code. */
function SendCodeForm({ label, variant }: { label: string; variant: 'primary' | 'secondary' }) {
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.form === SEND_CODE_INTENT ? actionData.result : undefined
  const isPending = useIsPending({ intent: SEND_CODE_INTENT })
  const [form] = useForm({ id: 'send-code', lastResult })
  return (
    <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
      <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
      <Button
        type="submit"
        name="intent"
        value={SEND_CODE_INTENT}
        variant={variant}
        pending={isPending}
        pendingLabel="Sending…"
        className="w-full"
      >
        {label}
      </Button>
    </Form>
  )
}

type NewPasswordFields = { code?: string; password: string; confirmPassword: string }

function NewPasswordForm({ email, withCode }: { email: string; withCode: boolean }) {
  const actionData = useActionData<typeof action>()
  const lastResult = actionData?.form === CHANGE_PASSWORD_INTENT ? actionData.result : undefined
  const isPending = useIsPending({ intent: CHANGE_PASSWORD_INTENT })
  const schema = withCode ? ChangePasswordSchema : ResetPasswordSchema
  // One shape for both schemas: the recovery form simply has no `code` field.
  const [form, fields] = useForm<NewPasswordFields>({
    id: withCode ? 'change-password' : 'reset-password',
    constraint: getZodConstraint(schema),
    lastResult,
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <>
      <AuthHeading title={withCode ? 'Change your password' : 'Choose a new password'}>
        {withCode ? (
          <p>
            We’ve sent a {OTP_LENGTH}-digit code to <span className="break-all font-semibold text-ink">{email}</span>. It works for 15
            minutes.
          </p>
        ) : (
          <p>
            For <span className="break-all font-semibold text-ink">{email}</span>.
          </p>
        )}
      </AuthHeading>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        {withCode ? (
          <Field
            label={`${OTP_LENGTH}-digit code from the e-mail`}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={OTP_LENGTH + 2}
            className="[&_input]:text-lg [&_input]:tracking-[0.3em]"
            errors={fields.code.errors}
            {...fieldProps(fields.code, 'text')}
          />
        ) : null}
        <Field
          label="New password"
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          errors={fields.password.errors}
          {...fieldProps(fields.password, 'password')}
        />
        <Field
          label="Type it again"
          autoComplete="new-password"
          errors={fields.confirmPassword.errors}
          {...fieldProps(fields.confirmPassword, 'password')}
        />
        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" name="intent" value={CHANGE_PASSWORD_INTENT} pending={isPending} pendingLabel="Saving…" className="w-full">
          Save new password
        </Button>
      </Form>
      {withCode ? (
        <div className="flex flex-col gap-2 border-t border-line pt-4">
          <p className="text-ink-muted">Nothing arrived? Check your spam folder, or:</p>
          <SendCodeForm label="Send a new code" variant="secondary" />
        </div>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Change your password · Advocate portal' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
