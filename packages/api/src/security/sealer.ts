import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets the control plane must read back (data-source connection strings, cluster Redis
 * passwords) with AES-256-GCM under the key from `CACHEFLEET_SECRET_KEY`. The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future key or algorithm can be told apart.
 */
export interface Sealer {
  seal(plaintext: string): string;
  /** Throws when the value was sealed under another key or was tampered with. */
  open(sealed: string): string;
  /** A stable secret for `label` (e.g. a Redis ACL password per API key), never stored. */
  derive(label: string): string;
}

const version = 'v1';

/** Accepts 32 bytes as 64 hex characters or as base64/base64url. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64url');
  if (key.length !== 32) {
    throw new Error('CACHEFLEET_SECRET_KEY must be 32 bytes: 64 hex characters or base64');
  }
  return key;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('hex');
}

export function createSealer(secretKey: string): Sealer {
  const key = parseSecretKey(secretKey);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [version, ...parts].join('.');
    },
    open(sealed) {
      const [tag, iv, auth, body] = sealed.split('.');
      if (tag !== version || !iv || !auth || body === undefined) {
        throw new Error('not a sealed value');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(auth, 'base64url'));
      const plain = [decipher.update(Buffer.from(body, 'base64url')), decipher.final()];
      return Buffer.concat(plain).toString('utf8');
    },
    derive(label) {
      return createHmac('sha256', key).update(label).digest('hex');
    },
  };
}
