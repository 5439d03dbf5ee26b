/**
 * The inbox pages for people. Everything from a mail is untrusted: text is escaped, links
 * are limited to http(s), and the HTML body renders in a sandboxed iframe without scripts.
 */
import type { MailAddress, StoredMessage } from './store.ts'

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const URL_PATTERN = /https?:\/\/[^\s"'<>]+/g

/** Escaped text with its http(s) URLs turned into links. */
export function linkify(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '')
    out += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`
    last = match.index! + url.length
  }
  return out + escapeHtml(text.slice(last))
}

/** Distinct http(s) links in a message, e.g. the verify link, with HTML entities decoded. */
export function linksIn(message: StoredMessage): string[] {
  const fromHtml = [...message.HTML.matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => decodeEntities(m[1]))
  const fromText = [...message.Text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ''))
  return [...new Set([...fromHtml, ...fromText])].filter((url) => /^https?:\/\//i.test(url))
}

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!)
}

const formatAddress = (a: MailAddress) => escapeHtml(a.Name ? `${a.Name} <${a.Address}>` : a.Address)

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
  header, main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
  h1 { font-size: 1.4rem; margin: 0; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  a { color: #0b57d0; }
  a:focus-visible, button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
  button { font: inherit; padding: .4rem .8rem; }
  pre { white-space: pre-wrap; word-break: break-word; background: #fff; padding: 1rem; border: 1px solid #ddd; }
  iframe { width: 100%; min-height: 24rem; border: 1px solid #ddd; background: #fff; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  .muted { color: #555; }`

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`
}

export function renderInbox(messages: StoredMessage[]): string {
  const rows = messages
    .map(
      (m) => `<tr><td><a href="/view/${encodeURIComponent(m.ID)}">${escapeHtml(m.Subject || '(no subject)')}</a>
<div class="muted">${escapeHtml(m.Snippet)}</div></td>
<td>${m.To.map(formatAddress).join(', ')}</td><td>${formatAddress(m.From)}</td>
<td><time datetime="${escapeHtml(m.Created)}">${escapeHtml(m.Created.replace('T', ' ').slice(0, 19))}</time></td></tr>`,
    )
    .join('\n')
  const list = messages.length
    ? `<table><caption class="muted">${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">From</th><th scope="col">Received (UTC)</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : '<p>No mail yet. Mail sent by the local Auth server appears here.</p>'
  return page(
    'Inbox - local Supabase',
    `<header><h1>Local inbox</h1><form method="post" action="/clear"><button type="submit">Delete all mail</button></form></header>
<main>${list}</main>`,
  )
}

export function renderMessage(m: StoredMessage): string {
  const links = linksIn(m)
  const linkList = links.length
    ? `<h2>Links</h2><ul>${links.map((url) => `<li><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></li>`).join('')}</ul>`
    : ''
  // Links in the HTML body open outside the sandbox; without allow-scripts nothing in it runs.
  const htmlPart = m.HTML
    ? `<h2>HTML</h2><iframe title="HTML body of the message" sandbox="allow-popups allow-popups-to-escape-sandbox"
 srcdoc="${escapeHtml(`<base target="_blank">${m.HTML}`)}"></iframe>`
    : ''
  const textPart = m.Text ? `<h2>Text</h2><pre>${linkify(m.Text)}</pre>` : ''
  return page(
    `${m.Subject || '(no subject)'} - local inbox`,
    `<header><h1>${escapeHtml(m.Subject || '(no subject)')}</h1><a href="/">Back to the inbox</a></header>
<main><dl><dt>From</dt><dd>${formatAddress(m.From)}</dd><dt>To</dt><dd>${m.To.map(formatAddress).join(', ')}</dd>
<dt>Received</dt><dd><time datetime="${escapeHtml(m.Created)}">${escapeHtml(m.Created)}</time></dd></dl>
${linkList}${textPart}${htmlPart}</main>`,
  )
}
