import { mkdirSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { E2E_SMTP_PORT } from '../playwright.config'

/**
 * A local SMTP server for the whole e2e run (started by e2e/global-setup.ts),
 * which writes each email it receives into a folder, so any test can read
 * what Drydock sent. Plain SMTP on loopback, no authentication: the server
 * under test has SMTP_URL=smtp://127.0.0.1:<E2E_SMTP_PORT>.
 */
export interface ReceivedMail {
  to: string[]
  raw: string
}

const MAIL_DIR_ENV = 'E2E_MAIL_DIR'

export async function startMailSink(port = E2E_SMTP_PORT): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drydock-e2e-mail-'))
  mkdirSync(dir, { recursive: true })
  // Workers start after global setup and inherit its environment.
  process.env[MAIL_DIR_ENV] = dir
  let count = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const mail: ReceivedMail = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        }
        writeFileSync(path.join(dir, `${Date.now()}-${count++}.json`), JSON.stringify(mail))
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}

function mailDir(): string {
  const dir = process.env[MAIL_DIR_ENV]
  if (!dir) throw new Error('no mail sink: e2e/global-setup.ts starts it')
  return dir
}

function mailsTo(to: string): string[] {
  const dir = mailDir()
  return readdirSync(dir)
    .sort()
    .filter((name) => (JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ReceivedMail).to.includes(to.toLowerCase()))
}

/** How many emails to `to` have arrived and not been taken by waitForMail. */
export function countMailTo(to: string): number {
  return mailsTo(to).length
}

/** The next email to `to`, waiting up to `timeoutMs` for it; it is taken out of the folder. */
export async function waitForMail(to: string, timeoutMs = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [first] = mailsTo(to)
    if (first) {
      const file = path.join(mailDir(), first)
      const mail = JSON.parse(readFileSync(file, 'utf8')) as ReceivedMail
      unlinkSync(file)
      return mail
    }
    if (Date.now() > deadline) throw new Error(`no email to ${to} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
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
