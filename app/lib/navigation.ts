/**
 * The app's sections. The navigation shows only what exists: each feature adds its entry here.
 * `icon` names a path in `nav-icons.tsx`.
 */
export interface NavItem {
  to: string
  label: string
  icon: 'home' | 'profile'
  /** Only admins see admin sections. */
  adminOnly?: boolean
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Home', icon: 'home' },
  { to: '/profile', label: 'Profile', icon: 'profile' },
]

export function navItemsFor(role: 'admin' | 'advocate'): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.adminOnly || role === 'admin')
}
