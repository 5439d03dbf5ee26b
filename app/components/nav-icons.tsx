import type { NavItem } from '~/lib/navigation.ts'

const PATHS: Record<NavItem['icon'], string> = {
  home: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  feed: 'M4 5h16M4 12h16M4 19h10',
  activity: 'M9 11l2 2 4-4M5 4h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
  review: 'M4 4h16v12H8l-4 4zM8 10l2 2 4-4',
  profile: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
}

/** Decorative: every nav link also has a visible text label. */
export function NavIcon({ name }: { name: NavItem['icon'] }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-6 w-6 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
