/**
 * The app's sections. The navigation shows only what exists: each feature adds its entry here.
 * `icon` names a path in `nav-icons.tsx`.
 */
export interface NavItem {
  to: string
  label: string
  icon: 'home' | 'feed' | 'activity' | 'profile' | 'review'
  /** Only admins see admin sections. */
  adminOnly?: boolean
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Home', icon: 'home' },
  { to: '/feed', label: 'Feed', icon: 'feed' },
  { to: '/activity', label: 'Activity', icon: 'activity' },
  { to: '/profile', label: 'Profile', icon: 'profile' },
  { to: '/admin/submissions', label: 'Review', icon: 'review', adminOnly: true },
]

export function navItemsFor(role: 'admin' | 'advocate'): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.adminOnly || role === 'admin')
}
