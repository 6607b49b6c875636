import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's 2024 minimum (19 MiB, 2 passes, 1 lane): ~25 ms per hash on this 2-core machine.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the account does not exist keeps response times equal (no user enumeration). */
export const dummyHash = hash('not-a-real-password-0', options);
