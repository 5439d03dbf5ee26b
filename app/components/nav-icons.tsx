import type { NavItem } from '~/lib/navigation.ts'

const PATHS: Record<NavItem['icon'], string> = {
  home: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
  profile: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
}

/** Decorative: every nav link also has a visible text label. */
export function NavIcon({ name }: { name: NavItem['icon'] }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  )
}
