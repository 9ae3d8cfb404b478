import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestDatabase, type TestDatabase } from '@/tests/setup/test-db'
import { closePool, prepared, preparedTransaction, type PreparedStatement } from './pool'

let db: TestDatabase

beforeAll(async () => {
  db = await useTestDatabase()
})
afterAll(() => db.drop())

beforeEach(async () => {
  await db.pool.query('TRUNCATE users CASCADE')
})

const addUser: PreparedStatement = {
  name: 'test.add-user.1',
  text: `INSERT INTO users (id, email, role, created_at, updated_at) VALUES ($1, $2, 'STUDENT', now(), now()) RETURNING id`,
}
const findUser: PreparedStatement = {
  name: 'test.find-user.1',
  text: 'SELECT id, email, created_at FROM users WHERE id = $1',
}

async function userIds(): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM users ORDER BY id')
  return rows.map((row) => row.id)
}

describe('prepared statements', () => {
  it('run many times with different values, and give timestamps back as dates', async () => {
    for (let i = 0; i < 8; i++) await prepared(addUser, [`user-${i}`, `user${i}@example.com`])
    const [row] = await prepared<{ id: string; email: string; created_at: Date }>(findUser, ['user-7'])
    expect(row?.email).toBe('user7@example.com')
    expect(row?.created_at).toBeInstanceOf(Date)
    expect(await userIds()).toHaveLength(8)
  })

  it('keep working after the pool is closed and opened again', async () => {
    await prepared(addUser, ['before', 'before@example.com'])
    await closePool()
    await prepared(addUser, ['after', 'after@example.com'])
    expect(await userIds()).toEqual(['after', 'before'])
  })

  it('survive the database closing their idle connections, as a restart does', async () => {
    await prepared(addUser, ['before', 'before@example.com'])
    const [backend] = await prepared<{ pid: number }>({ name: 'test.backend.1', text: 'SELECT pg_backend_pid() AS pid' }, [])
    const { rows } = await db.pool.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [backend?.pid])
    expect(rows[0]?.ended).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 200))
    await prepared(addUser, ['after', 'after@example.com'])
    expect(await userIds()).toEqual(['after', 'before'])
  })
})

describe('preparedTransaction', () => {
  it('commits what the work wrote when it finishes', async () => {
    const result = await preparedTransaction(async (run) => {
      await run(addUser, ['one', 'one@example.com'])
      await run(addUser, ['two', 'two@example.com'])
      return 'done'
    })
    expect(result).toBe('done')
    expect(await userIds()).toEqual(['one', 'two'])
  })

  it('keeps nothing when the work throws, and hands the error back', async () => {
    await expect(
      preparedTransaction(async (run) => {
        await run(addUser, ['one', 'one@example.com'])
        throw new Error('the replay failed')
      }),
    ).rejects.toThrow('the replay failed')
    expect(await userIds()).toEqual([])
    // The next transaction on the pooled connection commits its own work only.
    await preparedTransaction((run) => run(addUser, ['two', 'two@example.com']))
    expect(await userIds()).toEqual(['two'])
  })

  it('keeps nothing when a statement fails, and the connection serves the next transaction', async () => {
    await expect(
      preparedTransaction(async (run) => {
        await run(addUser, ['one', 'one@example.com'])
        await run(addUser, ['one', 'again@example.com'])
      }),
    ).rejects.toThrow(/duplicate key/)
    expect(await userIds()).toEqual([])
    await preparedTransaction((run) => run(addUser, ['three', 'three@example.com']))
    expect(await userIds()).toEqual(['three'])
  })
})
