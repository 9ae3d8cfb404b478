import http from 'node:http'
import { expect, test } from './fixtures'
import { signUp, uniqueEmail } from './support/accounts'

/**
 * Uploads are answered in front of Next.js by the production entry. A browser
 * sends its next request on the same connection, so whatever an upload is
 * answered (refused, too large, malformed), that connection must stay usable
 * or be closed cleanly: never left waiting for a body nobody reads.
 */

const base = new URL(process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`)

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  socket: unknown
}

function send(agent: http.Agent, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: base.hostname, port: base.port, method, path, agent, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString(), socket: request.socket }),
      )
    })
    request.setTimeout(15_000, () => request.destroy(new Error(`${method} ${path}: no answer within 15 s`)))
    request.on('error', reject)
    request.end(body)
  })
}

test('an upload refused for any reason leaves the connection ready for the next request', async ({ page }) => {
  await signUp(page, uniqueEmail('upload'))
  const session = (await page.context().cookies()).find((cookie) => cookie.name === 'drydock_session')
  expect(session).toBeTruthy()
  const cookie = `drydock_session=${session!.value}`
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const origin = base.origin
  try {
    const refusals: [string, Record<string, string>, string, number][] = [
      ['signed out', { origin, 'content-type': 'application/json' }, '{"events":[]}', 401],
      ['not JSON', { origin, cookie, 'content-type': 'text/plain' }, 'events, please', 415],
      ['no origin', { cookie, 'content-type': 'application/json' }, '{"events":[]}', 403],
      ['malformed JSON', { origin, cookie, 'content-type': 'application/json' }, '{"events": [', 400],
      ['no events', { origin, cookie, 'content-type': 'application/json' }, '{"events":[]}', 400],
    ]
    let socket: unknown
    for (const [what, headers, body, status] of refusals) {
      const answer = await send(agent, 'POST', '/api/progress', headers, body)
      expect(answer.status, what).toBe(status)
      expect(JSON.parse(answer.body).message, what).toMatch(/\w+ \w+/)
      expect(answer.headers['content-security-policy'], what).toContain("default-src 'none'")
      socket ??= answer.socket
      // The browser's next request goes down the same connection and is answered.
      const next = await send(agent, 'GET', '/api/health', {})
      expect(next.status, `after ${what}`).toBe(200)
      expect(next.socket, `after ${what}`).toBe(socket)
    }

    const oversized = Buffer.alloc(600 * 1024, 'x')
    const tooLarge = await send(agent, 'POST', '/api/progress', { origin, cookie, 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, oversized)
    expect(tooLarge.status).toBe(413)
    expect(JSON.parse(tooLarge.body).message).toMatch(/larger than the limit/)
    expect(tooLarge.headers['strict-transport-security']).toMatch(/max-age=\d{8,}/)
    const after = await send(agent, 'GET', '/api/health', {})
    expect(after.status).toBe(200)
  } finally {
    agent.destroy()
  }
})
