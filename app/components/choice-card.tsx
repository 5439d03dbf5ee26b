import type { InputHTMLAttributes, ReactNode } from 'react'

/**
 * A native radio or checkbox inside a large, tappable card (≥ 56 px tall): the whole card is the
 * label, the input keeps its native keyboard and screen-reader behaviour.
 */
export function ChoiceCard({
  label,
  hint,
  className = '',
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { type: 'radio' | 'checkbox'; label: ReactNode; hint?: ReactNode }) {
  return (
    <label
      className={`flex min-h-14 cursor-pointer items-center gap-4 rounded-[var(--radius-card)] border-2 border-line bg-raised px-4 py-3 hover:border-accent has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus ${className}`}
    >
      <input className="h-6 w-6 shrink-0 accent-accent focus-visible:outline-none" {...input} />
      <span className="flex flex-col">
        <span className="font-medium">{label}</span>
        {hint ? <span className="text-sm text-ink-muted">{hint}</span> : null}
      </span>
    </label>
  )
}

/** A group of choice cards with its legend, hint and error wired for screen readers. */
export function ChoiceGroup({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string
  legend: ReactNode
  hint?: ReactNode
  error?: string
  children: ReactNode
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <fieldset id={id} className="flex flex-col gap-3" aria-describedby={describedBy}>
      <legend className="mb-1 text-lg font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="-mt-1 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
