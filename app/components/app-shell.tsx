/**
 * The signed-in frame. Phones get a bottom tab bar within thumb reach; from 1024 px a sidebar.
 * Both are the same list of links, so they never drift apart.
 */
import { Form, NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { NavItem } from '~/lib/navigation.ts'
import { purgeUserCaches } from '~/lib/purge-user-caches.ts'
import { Avatar } from './avatar.tsx'
import { NavIcon } from './nav-icons.tsx'
import { buttonClass } from './ui/button.tsx'

export interface ShellUser {
  displayName: string
  avatarUrl: string | null
}

export function AppShell({ user, navItems, children }: { user: ShellUser; navItems: NavItem[]; children: ReactNode }) {
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-raised focus:p-3">
        Skip to content
      </a>
      <aside className="hidden border-r border-line bg-raised lg:flex lg:flex-col lg:gap-6 lg:p-5">
        <Brand />
        <nav aria-label="Main">
          <ul className="flex flex-col gap-1">
            {navItems.map((item) => (
              <li key={item.to}>
                <NavItemLink item={item} placement="sidebar" />
              </li>
            ))}
          </ul>
        </nav>
        <div className="mt-auto flex flex-col gap-3 border-t border-line pt-4">
          <div className="flex items-center gap-3">
            <Avatar name={user.displayName} imageUrl={user.avatarUrl} />
            <span className="font-medium">{user.displayName}</span>
          </div>
          <SignOutButton />
        </div>
      </aside>

      <div className="flex min-h-dvh flex-col">
        <header className="flex items-center justify-between border-b border-line bg-raised px-4 py-2 lg:hidden">
          <Brand />
          <div className="flex items-center gap-2">
            <Avatar name={user.displayName} imageUrl={user.avatarUrl} size="sm" />
            <SignOutButton compact />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pb-28 pt-6 lg:px-8 lg:pb-10">
          {children}
        </main>
      </div>

      <nav
        aria-label="Main"
        className="fixed inset-x-0 bottom-0 z-10 border-t border-line bg-raised pb-[env(safe-area-inset-bottom)] lg:hidden"
      >
        <ul className="mx-auto flex max-w-md justify-around">
          {navItems.map((item) => (
            <li key={item.to} className="flex-1">
              <NavItemLink item={item} placement="tab-bar" />
            </li>
          ))}
        </ul>
      </nav>
    </div>
  )
}

const NAV_LINK_CLASSES = {
  sidebar: {
    base: 'flex min-h-11 items-center gap-3 rounded-[var(--radius-control)] px-3 font-medium no-underline',
    active: 'bg-accent-soft text-accent-strong',
    idle: 'text-ink hover:bg-sunken',
  },
  'tab-bar': {
    base: 'flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs font-medium no-underline',
    active: 'text-accent-strong',
    idle: 'text-ink-muted',
  },
} as const

function NavItemLink({ item, placement }: { item: NavItem; placement: keyof typeof NAV_LINK_CLASSES }) {
  const classes = NAV_LINK_CLASSES[placement]
  return (
    <NavLink to={item.to} end={item.to === '/'} className={({ isActive }) => `${classes.base} ${isActive ? classes.active : classes.idle}`}>
      <NavIcon name={item.icon} />
      {item.label}
    </NavLink>
  )
}

function Brand() {
  return (
    <a href="/" className="flex min-h-11 items-center gap-2 font-bold text-ink no-underline">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      Advocate portal
    </a>
  )
}

function SignOutButton({ compact = false }: { compact?: boolean }) {
  return (
    // Nothing one person saw may be served to the next person on this device.
    <Form method="post" action="/logout" onSubmit={() => void purgeUserCaches()}>
      <button type="submit" className={buttonClass(compact ? 'ghost' : 'secondary', compact ? 'px-3' : 'w-full')}>
        Sign out
      </button>
    </Form>
  )
}
