// Verifies `Authorization: Bearer cfk_…` against the hashes in the config, locally: a sha256 of
// the presented secret, compared in constant time, then the key's scope for the namespace.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig, Permission } from './config-schema.js';

export interface VerifiedKey {
  id: string;
  permission: (namespace: string) => Permission | undefined;
}

const bearer = /^Bearer (cfk_[A-Za-z0-9_-]{1,200})$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ApiKeyVerifier {
  private byHash = new Map<string, { key: ApiKeyConfig; verified: VerifiedKey }>();
  private readonly lastUsed = new Map<string, Date>();

  update(keys: readonly ApiKeyConfig[]): void {
    this.byHash = new Map(
      keys.map((key) => {
        const scopes = new Map(key.scopes.map((s) => [s.namespace, s.permission]));
        const verified = { id: key.id, permission: (ns: string) => scopes.get(ns) };
        return [key.hash.toLowerCase(), { key, verified }];
      }),
    );
  }

  /** The key for an Authorization header, or undefined (missing, malformed, wrong or revoked). */
  verify(header: string | undefined): VerifiedKey | undefined {
    const secret = header === undefined ? undefined : bearer.exec(header)?.[1];
    if (secret === undefined) return undefined;
    const hash = sha256Hex(secret);
    const found = this.byHash.get(hash);
    if (found === undefined) return undefined;
    const stored = Buffer.from(found.key.hash, 'hex');
    const presented = Buffer.from(hash, 'hex');
    if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) return undefined;
    this.lastUsed.set(found.key.id, new Date());
    return found.verified;
  }

  /** Usage since the last call, for agentData.reportKeyUsage (≤ 1000 per report). */
  takeUsage(): { apiKeyId: string; lastUsedAt: string }[] {
    const usage = [...this.lastUsed].slice(0, 1000);
    for (const [id] of usage) this.lastUsed.delete(id);
    return usage.map(([apiKeyId, at]) => ({ apiKeyId, lastUsedAt: at.toISOString() }));
  }
}
