import { SMTPServer } from 'smtp-server'
import { E2E_SMTP_PORT } from '../playwright.config'

/**
 * A local SMTP server that keeps what it receives, so a test can read the
 * email Drydock sent. Plain SMTP on loopback, no authentication: the server
 * under test is configured with SMTP_URL=smtp://127.0.0.1:<E2E_SMTP_PORT>.
 */
export interface ReceivedMail {
  to: string[]
  raw: string
}

export interface MailSink {
  /** The next email to `to`, waiting up to `timeoutMs` for it. */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

export async function startMailSink(port = E2E_SMTP_PORT): Promise<MailSink> {
  const inbox: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    async waitFor(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const at = inbox.findIndex((mail) => mail.to.includes(to.toLowerCase()))
        if (at >= 0) return inbox.splice(at, 1)[0]!
        if (Date.now() > deadline) throw new Error(`no email to ${to} within ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The sign-in link in a received email's plain-text part. */
export function signInLinkFrom(mail: ReceivedMail): string {
  // Quoted-printable wraps long lines with "=\r\n" and escapes "=" as "=3D".
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=')
  const link = /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\?[^\s"<]+/.exec(text)?.[0]
  if (!link) throw new Error(`no sign-in link in the email:\n${mail.raw}`)
  return link.replace(/&amp;/g, '&')
}
