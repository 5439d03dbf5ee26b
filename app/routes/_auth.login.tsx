import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { HeadersFunction, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { AuthHeading, fieldProps, FormErrorAlert } from '~/components/auth-form.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Alert } from '~/components/ui/alert.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Field } from '~/components/ui/field.tsx'
import { authHref } from '~/lib/auth-links.ts'
import { useIsPending } from '~/lib/use-is-pending.ts'
import { MagicLinkSchema, PasswordSignInSchema } from '~/lib/validation/auth.ts'
import { action, loader } from './_auth.login.server.ts'

export { action, loader }

const linkClass = 'inline-flex min-h-11 items-center font-semibold'

export default function LoginPage() {
  const { mode, redirectTo, email, notice } = useLoaderData<typeof loader>()
  const switchTo = mode === 'password' ? 'magic-link' : 'password'
  return (
    <>
      <AuthHeading title="Sign in">
        {mode === 'password'
          ? 'Sign in with your e-mail and password.'
          : 'We’ll e-mail you a link and a code to sign in. No password needed.'}
      </AuthHeading>
      {notice ? <Alert tone="error">{notice}</Alert> : null}
      {mode === 'password' ? (
        <PasswordForm redirectTo={redirectTo} email={email} />
      ) : (
        <MagicLinkForm redirectTo={redirectTo} email={email} />
      )}
      <div className="flex flex-col items-start gap-1 border-t border-line pt-4">
        <Link className={linkClass} to={authHref('/login', { mode: switchTo === 'password' ? 'password' : null, redirectTo })} replace>
          {switchTo === 'password' ? 'Sign in with a password instead' : 'E-mail me a sign-in link instead'}
        </Link>
        <Link className={linkClass} to={authHref('/verify-code', { redirectTo })}>
          I have a code from an e-mail
        </Link>
        <p className="text-ink-muted">
          New here?{' '}
          <Link className={linkClass} to={authHref('/signup', { redirectTo })}>
            Create an account
          </Link>
        </p>
      </div>
    </>
  )
}

function MagicLinkForm({ redirectTo, email }: { redirectTo: string; email: string }) {
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending({ intent: 'magic-link' })
  const lastResult = actionData?.intent === 'magic-link' ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'magic-link',
    constraint: getZodConstraint(MagicLinkSchema),
    lastResult,
    defaultValue: { email, redirectTo },
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MagicLinkSchema }),
  })
  return (
    <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="magic-link" />
      <input {...fieldProps(fields.redirectTo, 'hidden')} />
      <Field label="E-mail" autoComplete="email" inputMode="email" errors={fields.email.errors} {...fieldProps(fields.email, 'email')} />
      <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
      <Button type="submit" pending={isPending} pendingLabel="Sending…" className="w-full">
        E-mail me a sign-in link
      </Button>
    </Form>
  )
}

function PasswordForm({ redirectTo, email }: { redirectTo: string; email: string }) {
  const actionData = useActionData<typeof action>()
  const isPending = useIsPending({ intent: 'password' })
  const lastResult = actionData?.intent === 'password' ? actionData.result : undefined
  const [form, fields] = useForm({
    id: 'password-sign-in',
    constraint: getZodConstraint(PasswordSignInSchema),
    lastResult,
    defaultValue: { email, redirectTo },
    // First check on submit: validating on blur inserts messages that move the button away from a tap.
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSignInSchema }),
  })
  return (
    <Form method="post" className="flex flex-col gap-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="password" />
      <input {...fieldProps(fields.redirectTo, 'hidden')} />
      <Field label="E-mail" autoComplete="email" inputMode="email" errors={fields.email.errors} {...fieldProps(fields.email, 'email')} />
      <Field
        label="Password"
        autoComplete="current-password"
        errors={fields.password.errors}
        {...fieldProps(fields.password, 'password')}
      />
      <FormErrorAlert id={form.errorId} errors={form.errors} result={lastResult} />
      <Button type="submit" pending={isPending} pendingLabel="Signing in…" className="w-full">
        Sign in
      </Button>
      <Link className={`${linkClass} self-start`} to="/forgot-password">
        Forgot your password?
      </Link>
    </Form>
  )
}

export const meta: MetaFunction = () => [{ title: 'Sign in · Advocate portal' }]

/** The page sets cookies (the PKCE verifier, the session), so no cache may keep a copy. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
