import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { HeadersFunction, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, fieldProps, FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Field } from '~/components/ui/field.tsx'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { ForgotPasswordSchema } from '~/lib/validation/auth.ts'
import { action, loader } from './_auth.forgot-password.server.ts'

export { action, loader }

export default function ForgotPasswordPage() {
  const { email, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'forgot-password',
    constraint: getZodConstraint(ForgotPasswordSchema),
    lastResult,
    defaultValue: { email },
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  return (
    <>
      <AuthHeading title="Reset your password">
        Enter the e-mail you signed up with and we’ll send you a link to choose a new password.
      </AuthHeading>
      {notice ? <Alert tone="error">{notice}</Alert> : null}
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <Field label="E-mail" autoComplete="email" inputMode="email" errors={fields.email.errors} {...fieldProps(fields.email, 'email')} />
        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" pending={isPending} pendingLabel="Sending…" className="w-full">
          Send me a reset link
        </Button>
      </Form>
      <p className="border-t border-line pt-4 text-ink-muted">
        Remembered it?{' '}
        <Link className="inline-flex min-h-11 items-center font-semibold" to="/login?mode=password">
          Sign in
        </Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Reset your password · Advocate portal' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
