/**
 * Pieces the sign-in, sign-up and password pages share: a form-level error that takes focus
 * when it appears, and Conform input props shaped for `<Field>` (which owns the aria wiring).
 */
import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { Alert } from './ui/alert.tsx'

type InputType = 'email' | 'password' | 'text' | 'hidden'

/** Conform's props without `key` (React warns when it is spread) and without aria, which `Field` sets. */
export function fieldProps(field: FieldMetadata<string | undefined>, type: InputType) {
  const { key: _key, ...props } = getInputProps(field, { type, ariaAttributes: false })
  return props
}

/**
 * Errors about the whole form (e.g. "That e-mail and password don't match"). Field errors get
 * focus from Conform; a form error has no field, so the message itself takes focus and is announced.
 * `result` is the action's reply: each new one (even with the same words) moves focus again.
 */
export function FormErrorAlert({ id, errors, result }: { id: string; errors?: string[]; result?: unknown }) {
  const ref = useRef<HTMLDivElement>(null)
  const message = errors?.[0]
  useEffect(() => {
    // The design system's Alert takes no ref, so focus its element through the wrapper.
    const alert = ref.current?.querySelector<HTMLElement>('[role="alert"]')
    if (!message || !alert) return
    alert.tabIndex = -1
    alert.focus()
    // Only a new answer from the server (or its message arriving) moves focus; other re-renders must not.
  }, [result, message])
  if (!message) return null
  return (
    <div ref={ref}>
      <Alert id={id} tone="error">
        {message}
      </Alert>
    </div>
  )
}

/** The heading block every auth page starts with. */
export function AuthHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-bold">{title}</h1>
      {children ? <div className="text-ink-muted">{children}</div> : null}
    </div>
  )
}
