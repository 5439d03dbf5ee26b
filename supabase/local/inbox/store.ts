/**
 * In-memory mail capture with Mailpit's JSON shapes, so mail helpers written for
 * `supabase start` (which runs Mailpit) work unchanged against the local stack.
 */
import { randomBytes } from 'node:crypto'
import type { OutgoingMail } from '../types.ts'

export interface MailAddress {
  Name: string
  Address: string
}

export interface StoredMessage {
  ID: string
  MessageID: string
  From: MailAddress
  To: MailAddress[]
  Subject: string
  Created: string
  Text: string
  HTML: string
  Snippet: string
  Size: number
}

/** GoTrue's default sender in the CLI's config (`[auth.email.smtp]`). */
const DEFAULT_FROM = 'Admin <admin@email.com>'
/** Old mail is dropped past this, so a long test run cannot grow memory without bound. */
const MAX_MESSAGES = 2_000
const SNIPPET_LENGTH = 250

/** "Name <a@b>" or "a@b". */
export function parseAddress(value: string): MailAddress {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value)
  return match ? { Name: match[1].trim(), Address: match[2].trim() } : { Name: '', Address: value.trim() }
}

export function snippetOf(text: string, html: string): string {
  const plain = text || html.replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
  const collapsed = plain.replace(/\s+/g, ' ').trim()
  return collapsed.length > SNIPPET_LENGTH ? `${collapsed.slice(0, SNIPPET_LENGTH)}...` : collapsed
}

export class Mailbox {
  /** Oldest first; readers reverse, because Mailpit lists newest first. */
  private messages: StoredMessage[] = []

  add(mail: OutgoingMail): StoredMessage {
    const ID = randomBytes(16).toString('base64url').slice(0, 22)
    const message: StoredMessage = {
      ID,
      MessageID: `${ID}@local.supabase`,
      From: parseAddress(mail.from ?? DEFAULT_FROM),
      To: mail.to.map(parseAddress),
      Subject: mail.subject,
      Created: new Date().toISOString(),
      Text: mail.text,
      HTML: mail.html,
      Snippet: snippetOf(mail.text, mail.html),
      Size: Buffer.byteLength(mail.text) + Buffer.byteLength(mail.html),
    }
    this.messages.push(message)
    if (this.messages.length > MAX_MESSAGES) this.messages.shift()
    return message
  }

  newestFirst(): StoredMessage[] {
    return [...this.messages].reverse()
  }

  get(id: string): StoredMessage | undefined {
    if (id === 'latest') return this.messages.at(-1)
    return this.messages.find((message) => message.ID === id)
  }

  /** Mailpit's search subset: `to:`, `from:`, `subject:` terms and free text, all ANDed, case-insensitive. */
  search(query: string): StoredMessage[] {
    const terms = [...query.matchAll(/(\w+:)?(?:"([^"]*)"|(\S+))/g)].map(([, field, quoted, bare]) => ({
      field: field?.slice(0, -1).toLowerCase(),
      value: (quoted ?? bare).toLowerCase(),
    }))
    return this.newestFirst().filter((message) => terms.every((term) => matches(message, term.field, term.value)))
  }

  delete(ids?: string[]): void {
    this.messages = ids ? this.messages.filter((message) => !ids.includes(message.ID)) : []
  }
}

function matches(message: StoredMessage, field: string | undefined, value: string): boolean {
  const addresses = (list: MailAddress[]) => list.some((a) => `${a.Name} <${a.Address}>`.toLowerCase().includes(value))
  if (field === 'to') return addresses(message.To)
  if (field === 'from') return addresses([message.From])
  if (field === 'subject') return message.Subject.toLowerCase().includes(value)
  const haystack = `${message.Subject}\n${message.Text}\n${message.HTML}\n${message.From.Address}\n${message.To.map((a) => a.Address).join(' ')}`
  return haystack.toLowerCase().includes(field ? `${field}:${value}` : value)
}

/** The list item Mailpit returns from /messages and /search. */
export function summaryOf(message: StoredMessage) {
  return {
    ID: message.ID,
    MessageID: message.MessageID,
    Read: false,
    From: message.From,
    To: message.To,
    Cc: [],
    Bcc: [],
    ReplyTo: [],
    Subject: message.Subject,
    Created: message.Created,
    Tags: [],
    Size: message.Size,
    Attachments: 0,
    Snippet: message.Snippet,
  }
}

/** The full message Mailpit returns from /message/{ID}. */
export function detailOf(message: StoredMessage) {
  return {
    ...summaryOf(message),
    Date: message.Created,
    ReturnPath: message.From.Address,
    Text: message.Text,
    HTML: message.HTML,
    Inline: [],
    Attachments: [],
  }
}
