import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret with a readable prefix (e.g. `cfe_` for enrollment tokens). */
export function generateSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Secrets are high-entropy, so one SHA-256 is enough to store them safely and look them up. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The first characters of a secret, safe to show so operators can tell secrets apart. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, 10);
}
