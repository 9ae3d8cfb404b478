import { createTransport, type Transporter } from 'nodemailer'

/**
 * The email that carries a sign-in link: plain text first (it is what most
 * screen readers and terminals show), with a minimal HTML copy whose link is
 * also written out in full.
 */

export interface SignInEmail {
  subject: string
  text: string
  html: string
}

export function composeSignInEmail(url: string, expires: Date, now: Date = new Date()): SignInEmail {
  const host = new URL(url).host
  const minutes = Math.max(1, Math.round((expires.getTime() - now.getTime()) / 60_000))
  const lasts = minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`
  const text = [
    `Sign in to Drydock at ${host} by opening this link:`,
    '',
    url,
    '',
    `It works once, for ${lasts}.`,
    'If you did not ask to sign in, ignore this email: nothing happens without the link.',
    '',
  ].join('\n')
  const href = escapeHtml(url)
  const html = `<!doctype html>
<html lang="en"><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #0f172a">
<p>Sign in to Drydock at ${escapeHtml(host)}:</p>
<p><a href="${href}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #ffffff; border-radius: 6px; text-decoration: none">Sign in to Drydock</a></p>
<p>Or copy this address into your browser:<br>${href}</p>
<p>It works once, for ${lasts}. If you did not ask to sign in, ignore this email: nothing happens without the link.</p>
</body></html>
`
  return { subject: `Sign in to Drydock (${host})`, text, html }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const transports = new Map<string, Transporter>()

/** Sends the sign-in email through the SMTP server in SMTP_URL; throws when the server refuses it. */
export async function sendSignInEmail(options: {
  smtpUrl: string
  from: string
  to: string
  url: string
  expires: Date
}): Promise<void> {
  let transport = transports.get(options.smtpUrl)
  if (!transport) {
    transport = createTransport(options.smtpUrl)
    transports.set(options.smtpUrl, transport)
  }
  const email = composeSignInEmail(options.url, options.expires)
  const result = await transport.sendMail({ to: options.to, from: options.from, ...email })
  const failed = [...(result.rejected ?? []), ...((result as { pending?: unknown[] }).pending ?? [])]
  if (failed.length > 0) throw new Error(`the SMTP server did not accept the sign-in email (${failed.length} recipient refused)`)
}
