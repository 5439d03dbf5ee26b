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
import { PASSWORD_RULE, SignupSchema } from '~/lib/validation/auth.ts'
import { action, loader } from './_auth.signup.server.ts'

export { action, loader }

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending()
  const lastResult = actionData?.result
  const [form, fields] = useForm({
    id: 'signup',
    constraint: getZodConstraint(SignupSchema),
    lastResult,
    defaultValue: { redirectTo },
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  })
  return (
    <>
      <AuthHeading title="Create your account">Join the advocate community: opportunities, recognition and rewards.</AuthHeading>
      <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
        <input {...fieldProps(fields.redirectTo, 'hidden')} />
        <Field
          label="Display name"
          autoComplete="nickname"
          hint="Shown to other advocates."
          errors={fields.displayName.errors}
          {...fieldProps(fields.displayName, 'text')}
        />
        <Field label="E-mail" autoComplete="email" inputMode="email" errors={fields.email.errors} {...fieldProps(fields.email, 'email')} />
        <Field
          label="Password"
          autoComplete="new-password"
          hint={PASSWORD_RULE}
          errors={fields.password.errors}
          {...fieldProps(fields.password, 'password')}
        />
        <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
        <Button type="submit" pending={isPending} pendingLabel="Creating your account…" className="w-full">
          Create account
        </Button>
      </Form>
      <p className="border-t border-line pt-4 text-ink-muted">
        Already have an account?{' '}
        <Link className="inline-flex min-h-11 items-center font-semibold" to={authHref('/login', { redirectTo })}>
          Sign in
        </Link>
      </p>
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Create your account · Advocate portal' }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
