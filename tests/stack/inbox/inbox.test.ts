/** The inbox's Mailpit-compatible API shapes and its HTML pages' escaping. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startInbox } from '../../../supabase/local/inbox/server.ts'
import type { Mailer } from '../../../supabase/local/types.ts'

let inbox: { mailer: Mailer; port: number; stop(): Promise<void> }
let base: string

beforeAll(async () => {
  inbox = await startInbox({ port: 0, log: () => {} })
  base = `http://127.0.0.1:${inbox.port}`
})
afterAll(() => inbox.stop())
beforeEach(async () => {
  await fetch(`${base}/api/v1/messages`, { method: 'DELETE' })
})

const verifyLink = 'http://127.0.0.1:54321/auth/v1/verify?token=pkce_abc&type=magiclink&redirect_to=http://127.0.0.1:3000'
const getJson = async <T = Record<string, unknown>>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T

async function sendSample(to: string, subject: string) {
  await inbox.mailer.send({
    to: [to],
    subject,
    text: `Your code is 123456\n\nOr follow: ${verifyLink}`,
    html: `<h2>Magic Link</h2><p><a href="${verifyLink.replace(/&/g, '&amp;')}">Log In</a></p>`,
  })
}

describe('Mailpit API subset', () => {
  it('lists messages newest first in Mailpit’s shape', async () => {
    await sendSample('first@example.com', 'One')
    await sendSample('Second Person <second@example.com>', 'Two')
    const list = await getJson<{ total: number; count: number; messages: Array<{ Subject: string; Created: string }> }>('/api/v1/messages')
    expect(list.total).toBe(2)
    expect(list.count).toBe(2)
    expect(list.messages.map((m) => m.Subject)).toEqual(['Two', 'One'])
    const [latest] = list.messages
    expect(latest).toMatchObject({
      ID: expect.any(String),
      From: { Name: 'Admin', Address: 'admin@email.com' },
      To: [{ Name: 'Second Person', Address: 'second@example.com' }],
      Subject: 'Two',
      Snippet: expect.stringContaining('Your code is 123456'),
    })
    expect(new Date(latest.Created).toISOString()).toBe(latest.Created)
  })

  it('returns one message with Text and HTML, by ID and as "latest"', async () => {
    await sendSample('detail@example.com', 'Detail')
    const { messages } = await getJson<{ messages: Array<{ ID: string }> }>('/api/v1/messages')
    const message = await getJson<{ ID: string; Text: string; [field: string]: unknown }>(`/api/v1/message/${messages[0].ID}`)
    expect(message).toMatchObject({ ID: messages[0].ID, Subject: 'Detail', To: [{ Address: 'detail@example.com' }] })
    expect(message.Text).toContain(verifyLink)
    expect(message.HTML).toContain('Log In')
    expect((await getJson<{ ID: string }>('/api/v1/message/latest')).ID).toBe(messages[0].ID)
    expect((await fetch(`${base}/api/v1/message/nope`)).status).toBe(404)
  })

  it('searches by recipient with query=to:ADDRESS', async () => {
    await sendSample('alice@example.com', 'For Alice')
    await sendSample('bob@example.com', 'For Bob')
    const found = await getJson<{ total: number; messages: Array<{ Subject: string }> }>(
      `/api/v1/search?query=${encodeURIComponent('to:alice@example.com')}`,
    )
    expect(found.total).toBe(1)
    expect(found.messages.map((m) => m.Subject)).toEqual(['For Alice'])
  })

  it('deletes everything, or only the listed IDs', async () => {
    await sendSample('a@example.com', 'A')
    await sendSample('b@example.com', 'B')
    const { messages } = await getJson<{ messages: Array<{ ID: string; Subject: string }> }>('/api/v1/messages')
    await fetch(`${base}/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [messages[0].ID] }) })
    expect((await getJson<{ messages: Array<{ Subject: string }> }>('/api/v1/messages')).messages.map((m) => m.Subject)).toEqual(['A'])
    expect((await fetch(`${base}/api/v1/messages`, { method: 'DELETE' })).status).toBe(200)
    expect((await getJson<{ total: number }>('/api/v1/messages')).total).toBe(0)
  })
})

describe('HTML inbox', () => {
  const hostile = {
    to: ['"<img src=x onerror=alert(1)>" <victim@example.com>'],
    subject: '<script>alert("subject")</script>',
    text: 'Click javascript:alert(1) or <b>bold</b> then http://127.0.0.1:54321/auth/v1/verify?token=t&type=signup"><script>x</script>',
    html: '<p>hi</p><script>alert("html")</script><a href="javascript:alert(2)">bad</a><a href="http://ok.example/?a=1&amp;b=2">ok</a>',
  }

  it('lists messages with escaped content and links to each message', async () => {
    await inbox.mailer.send(hostile)
    const response = await fetch(`${base}/`)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await response.text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;')
    expect(page).not.toContain('<script>')
    expect(page).not.toContain('<img')
    expect(page).toMatch(/<a href="\/view\/[\w-]+">/)
  })

  it('shows a message with clickable http links, no script, and the HTML body sandboxed', async () => {
    await inbox.mailer.send(hostile)
    const { messages } = await getJson<{ messages: Array<{ ID: string }> }>('/api/v1/messages')
    const page = await (await fetch(`${base}/view/${messages[0].ID}`)).text()
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toContain('href="javascript:')
    expect(page).toContain('<a href="http://ok.example/?a=1&amp;b=2">')
    // The URL stops at the quote, so the injected markup stays text.
    expect(page).toContain('<a href="http://127.0.0.1:54321/auth/v1/verify?token=t&amp;type=signup">')
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt;')
    const iframe = /<iframe[^>]*>/.exec(page)![0]
    expect(iframe).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"')
    expect(iframe).not.toContain('allow-scripts')
    expect(iframe).toContain('srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p&gt;hi&lt;/p&gt;')
  })

  it('clears the inbox from the page with a plain form post', async () => {
    await sendSample('clear@example.com', 'Clear me')
    const response = await fetch(`${base}/clear`, { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    expect((await getJson<{ total: number }>('/api/v1/messages')).total).toBe(0)
  })
})
