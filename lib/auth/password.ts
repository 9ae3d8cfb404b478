import { hash, verify } from '@node-rs/argon2'

/**
 * Password hashing with argon2id at @node-rs/argon2's defaults (19 MiB, two
 * passes, one lane: OWASP's recommended minimum), stored as a PHC string so
 * the parameters travel with each hash and can be raised later.
 */

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 hashes with argon2id unless told otherwise.
  return hash(password)
}

/** False for a wrong password and for a stored value that is not a hash we can read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let decoy: Promise<string> | undefined

/**
 * Spends the same time as a real check when there is no hash to check
 * against (unknown email, account without a password), so response times do
 * not tell an attacker which emails have accounts.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hash('drydock-decoy-password')
  await verifyPassword(await decoy, password)
  return false
}
