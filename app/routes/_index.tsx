import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getStackHealth } from './_index.server.ts'

export const meta: MetaFunction = () => [{ title: 'Advocate portal' }]

export async function loader() {
  return { health: await getStackHealth() }
}

export default function Index() {
  const { health } = useLoaderData<typeof loader>()
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '0 auto', padding: '1.5rem', lineHeight: 1.5 }}>
      <h1>Advocate portal</h1>
      <p>The portal is being built. This page checks that the server reaches the Supabase stack.</p>
      <ul aria-label="Service status">
        <li>Auth: {health.auth ? 'reachable' : 'unreachable'}</li>
        <li>Database API: {health.rest ? 'reachable' : 'unreachable'}</li>
      </ul>
    </main>
  )
}
