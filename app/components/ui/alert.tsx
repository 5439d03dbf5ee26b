import type { ReactNode } from 'react'

const TONES = {
  error: 'border-danger bg-danger-soft text-danger',
  success: 'border-success bg-success-soft text-success',
  info: 'border-line bg-accent-soft text-ink',
} as const

/** A message about the whole form or page. Errors are announced as they appear. */
export function Alert({ tone = 'info', children, id }: { tone?: keyof typeof TONES; children: ReactNode; id?: string }) {
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-[var(--radius-control)] border px-4 py-3 text-sm font-medium ${TONES[tone]}`}
    >
      {children}
    </div>
  )
}
