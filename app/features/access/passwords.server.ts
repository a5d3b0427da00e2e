import { hash, verify } from '@node-rs/argon2'

// argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB,
// two passes, one lane (docs/decisions/030-advisor-sign-in-and-access.md).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

// Checked when the email matches no account, so that an unknown email costs as long
// as a wrong password and timing does not reveal which emails exist.
let decoy: Promise<string> | undefined

/** Whether the password matches the hash; a missing hash still costs one verification. */
export async function verifyPassword(storedHash: string | null, password: string) {
  if (!storedHash) {
    decoy ??= hashPassword('decoy password that matches nothing')
    await verify(await decoy, password).catch(() => false)
    return false
  }
  return verify(storedHash, password).catch(() => false)
}
