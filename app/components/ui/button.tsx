import { forwardRef, type ButtonHTMLAttributes } from 'react'

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger'

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-accent-ink hover:bg-accent-strong',
  secondary: 'bg-raised text-ink border border-line hover:bg-sunken',
  ghost: 'text-accent hover:bg-accent-soft',
  danger: 'bg-danger text-raised hover:opacity-90',
}

/** Every button is at least 44×44 px, so it is easy to hit with a thumb. */
export const buttonClass = (variant: Variant = 'primary', extra = '') =>
  `inline-flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-[var(--radius-control)] px-4 py-2 font-semibold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${extra}`

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  /** Shows a pending label and blocks double submits while a form is in flight. */
  pending?: boolean
  pendingLabel?: string
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'primary', pending = false, pendingLabel, className = '', children, disabled, ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      className={buttonClass(variant, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  )
})
