import { describe, expect, it } from 'vitest'
import { withRequestLog } from './request-log'

describe('withRequestLog', () => {
  it('hands the request id back, keeping a well-formed one from the proxy', async () => {
    const handler = withRequestLog('test', () => Response.json({ ok: true }, { status: 201 }))
    const kept = await handler(new Request('http://x/api', { headers: { 'x-request-id': 'lb-1234' } }))
    expect(kept.status).toBe(201)
    expect(kept.headers.get('x-request-id')).toBe('lb-1234')
    expect(await kept.json()).toEqual({ ok: true })

    const replaced = await handler(new Request('http://x/api', { headers: { 'x-request-id': '<script>' } }))
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('turns an unexpected error into a plain 500 that names the request, without a stack trace', async () => {
    const handler = withRequestLog('test', () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 at Pool.connect (node_modules/pg-pool/index.js:45:11)')
    })
    const response = await handler(new Request('http://x/api', { method: 'POST' }))
    expect(response.status).toBe(500)
    const body = (await response.json()) as { message: string; requestId: string }
    expect(body.requestId).toBe(response.headers.get('x-request-id'))
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|pg-pool|\.js:\d+/)
  })
})
