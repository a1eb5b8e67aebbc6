import type { ApiKeyInfo, Database } from '@cachefleet/db';
import { findActiveApiKeyByHash, recordApiKeyUsage } from '@cachefleet/db';
import { hashSecret } from '../security/secrets.js';

/** lastUsedAt is a "roughly when" figure: one write per key per minute keeps it cheap. */
const usageResolutionMs = 60_000;

/** The unrevoked API key behind a `Bearer cfk_…` value, touching its lastUsedAt lazily. */
export async function resolveApiKey(
  db: Database,
  bearer: string | undefined,
): Promise<ApiKeyInfo | undefined> {
  if (!bearer?.startsWith('cfk_') || bearer.length > 200) return undefined;
  const found = await findActiveApiKeyByHash(db, hashSecret(bearer));
  if (!found) return undefined;
  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= usageResolutionMs) {
    await recordApiKeyUsage(db, [{ apiKeyId: found.id, lastUsedAt: now }]);
  }
  const { secretHash: _hash, ...key } = found;
  return key;
}
