import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * Reads a gzip-compressed trace, one key per line, into memory. Keys stay strings: some traces hold
 * signed 64-bit ids that a Number would silently round. Blank lines are skipped.
 */
export async function readTrace(file: string): Promise<string[]> {
  await access(file).catch(() => {
    throw new Error(`trace file not found: ${file}`);
  });
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const keys: string[] = [];
  for await (const line of lines) {
    const key = line.trim();
    if (key !== '') keys.push(key);
  }
  return keys;
}
