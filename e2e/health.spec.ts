import { expect, test } from '@playwright/test'

test('the health and readiness endpoints answer in JSON', async ({ request }) => {
  const health = await request.get('/api/health')
  expect(health.status()).toBe(200)
  expect(await health.json()).toMatchObject({ status: 'ok' })

  const ready = await request.get('/api/ready')
  expect(ready.status()).toBe(200)
  expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: { pending: [] } })
})
