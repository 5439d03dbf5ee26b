import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { HeadersFunction, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, fieldProps, FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Field } from '~/components/ui/field.tsx'
import { authHref } from '~/lib/auth-links.ts'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { OTP_LENGTH, VerifyCodeSchema } from '~/lib/validation/auth.ts'
import { action, loader, type VerifyPurpose } from './_auth.verify-code.server.ts'

export { action, loader }

const SENT: Record<VerifyPurpose, string> = {
  'sign-in': 'If there’s an account for this address, we’ve sent it a sign-in link:',
  signup: 'To finish creating your account, confirm your address. We’ve sent a link to:',
  recovery: 'If there’s an account for this address, we’ve sent it a link to reset your password:',
}

const SUBMIT: Record<VerifyPurpose, string> = { 'sign-in': 'Sign in', signup: 'Confirm and sign in', recovery: 'Continue' }

export default function VerifyCodePage() {
  const { purpose, email, redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'verify-code',
    constraint: getZodConstraint(VerifyCodeSchema),
    lastResult,
    defaultValue: { email, redirectTo },
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifyCodeSchema }),
  })
  const requestAgain = purpose === 'recovery' ? authHref('/forgot-password', { email }) : authHref('/login', { email, redirectTo })

  return (
    <>
      <AuthHeading title={email ? 'Check your e-mail' : 'Enter your code'}>
        {email ? (
          <>
            <p>{SENT[purpose]}</p>
            <p className="mt-1 break-all font-semibold text-ink">{email}</p>
            <p className="mt-3">
              Open the link on this device, or type the {OTP_LENGTH}-digit code from the e-mail here. The code also works on another device.
            </p>
          </>
        ) : (
          <p>Type your e-mail address and the {OTP_LENGTH}-digit code we sent you.</p>
        )}
      </AuthHeading>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <input {...fieldProps(fields.redirectTo, 'hidden')} />
        {email ? (
          <input {...fieldProps(fields.email, 'hidden')} />
        ) : (
          <Field
            label="E-mail"
            autoComplete="email"
            inputMode="email"
            errors={fields.email.errors}
            {...fieldProps(fields.email, 'email')}
          />
        )}
        <Field
          label={`${OTP_LENGTH}-digit code`}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={OTP_LENGTH + 2}
          className="[&_input]:text-lg [&_input]:tracking-[0.3em]"
          errors={fields.code.errors}
          {...fieldProps(fields.code, 'text')}
        />
        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" pending={isPending} pendingLabel="Checking…" className="w-full">
          {SUBMIT[purpose]}
        </Button>
      </Form>
      <div className="flex flex-col items-start gap-1 border-t border-line pt-4">
        <p className="text-ink-muted">Nothing arrived? Check your spam folder, or:</p>
        <Link className="inline-flex min-h-11 items-center font-semibold" to={requestAgain}>
          {email ? 'Use a different e-mail or send a new one' : 'Ask for a new e-mail'}
        </Link>
      </div>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Check your e-mail · Advocate portal' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
