/**
 * The frame around sign-in, sign-up and password pages: one calm, centred card that fits a
 * 360 px phone and sits comfortably on a desktop. Each child page guards itself.
 */
import { Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Card } from '~/components/ui/card.tsx'

export default function AuthLayout() {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:justify-center sm:py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-bold">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        Advocate portal
      </div>
      <main id="main" className="w-full max-w-md">
        <Card className="flex flex-col gap-6 sm:p-8">
          <Outlet />
        </Card>
      </main>
    </div>
  )
}

export function ErrorBoundary() {
  return (
    <main className="px-4">
      <GeneralErrorBoundary />
    </main>
  )
}
