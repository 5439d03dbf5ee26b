/**
 * The whole page a visitor sees while Supabase (or part of it) is down: the shell's look and
 * words, no scripts to load (they might need the backend too), and a reload every 15 s so the
 * page comes back by itself when the service does.
 */
import { buttonClass } from './ui/button.tsx'

export function BackendUnavailablePage({ stylesheet, retryUrl }: { stylesheet: string; retryUrl: string }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta httpEquiv="refresh" content="15" />
        <meta name="robots" content="noindex" />
        <title>Back in a moment · Advocate portal</title>
        <link rel="stylesheet" href={stylesheet} />
      </head>
      <body>
        <main className="mx-auto flex max-w-md flex-col items-start gap-4 px-4 py-12">
          <h1 className="text-2xl font-bold">Back in a moment</h1>
          <p className="text-ink-muted">
            We can’t reach part of the portal right now. Nothing you saved is lost. This page tries again by itself every few seconds, or
            you can try now.
          </p>
          <a href={retryUrl} className={buttonClass('primary')}>
            Try again
          </a>
        </main>
      </body>
    </html>
  )
}
