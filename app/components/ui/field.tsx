import { useId, type InputHTMLAttributes, type ReactNode } from 'react'

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
