/** A picture when there is one, otherwise the person's initials on a calm colour. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean)
  const letters = words.length >= 2 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '?').slice(0, 2)
  return letters.toUpperCase()
}

const SIZES = { sm: 'h-9 w-9 text-sm', md: 'h-10 w-10 text-base', lg: 'h-16 w-16 text-xl' } as const

// Sizes are classes, not inline styles, so the CSP can forbid inline styles.
export function Avatar({ name, imageUrl, size = 'md' }: { name: string; imageUrl?: string | null; size?: keyof typeof SIZES }) {
  if (imageUrl) return <img src={imageUrl} alt="" className={`${SIZES[size]} rounded-full object-cover`} />
  return (
    <span
      aria-hidden="true"
      className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded-full bg-accent-soft font-semibold text-accent-strong`}
    >
      {initialsOf(name)}
    </span>
  )
}
