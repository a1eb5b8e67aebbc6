// @ts-check
// The console's CACHEFLEET_SECRET_KEY for a local stack: the environment's when set, else one kept
// in the data folder, so secrets sealed by one start open in the next.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @param {string} dataDir */
export async function localSecretKey(dataDir) {
  if (process.env.CACHEFLEET_SECRET_KEY) return process.env.CACHEFLEET_SECRET_KEY;
  const file = path.join(dataDir, 'secret.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const key = randomBytes(32).toString('hex');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
