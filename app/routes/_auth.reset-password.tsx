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
import { PASSWORD_RULE, ResetPasswordSchema } from '~/lib/validation/auth.ts'
import { action, loader } from './_auth.reset-password.server.ts'

export { action, loader }

export default function ResetPasswordPage() {
  const { email, updated } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'reset-password',
    constraint: getZodConstraint(ResetPasswordSchema),
    lastResult,
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  })
  if (updated) {
    return (
      <>
        <AuthHeading title="Password changed" />
        <Alert tone="success">Your new password is set. Use it the next time you sign in.</Alert>
        <Link to="/" className={buttonClass('primary', 'w-full')}>
          Continue to the portal
        </Link>
      </>
    )
  }
  return (
    <>
      <AuthHeading title="Choose a new password">
        For <span className="break-all font-semibold text-ink">{email}</span>.
      </AuthHeading>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
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
        <Button type="submit" pending={isPending} pendingLabel="Saving…" className="w-full">
          Save new password
        </Button>
      </Form>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Advocate portal' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
