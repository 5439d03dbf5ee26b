import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react'

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  /** Messages from validation; the first is shown and announced. */
  errors?: string[]
  hint?: ReactNode
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, errors, hint, id, className = '', ...props }: FieldProps) {
  const fallbackId = useId()
  const inputId = id ?? fallbackId
  const errorId = `${inputId}-error`
  const hintId = `${inputId}-hint`
  const error = errors?.[0]
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={inputId} className="font-semibold">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="min-h-11 rounded-[var(--radius-control)] border border-line bg-raised px-3 py-2 text-ink placeholder:text-ink-muted aria-[invalid]:border-danger"
        {...props}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-danger" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export interface TextareaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string
  errors?: string[]
  hint?: ReactNode
}

/** The multi-line sibling of `Field`, with the same label, hint and error wiring. */
export function TextareaField({ label, errors, hint, id, className = '', rows = 4, ...props }: TextareaFieldProps) {
  const fallbackId = useId()
  const inputId = id ?? fallbackId
  const error = errors?.[0]
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={inputId} className="font-semibold">
        {label}
      </label>
      <textarea
        id={inputId}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="rounded-[var(--radius-control)] border border-line bg-raised px-3 py-2 text-ink placeholder:text-ink-muted aria-[invalid]:border-danger"
        {...props}
      />
      {hint ? (
        <p id={`${inputId}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="text-sm font-medium text-danger" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
