/** Small interfaces shared between the stack's services. */

/** A captured auth e-mail. The inbox stores it; nothing is ever sent over SMTP. */
export interface OutgoingMail {
  to: string[]
  from?: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>
}

/** Writes one line to a service's log file (the path `supabase:status` prints). */
export type Logger = (line: string) => void
