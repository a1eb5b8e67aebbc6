// Fetches the console's agent bundle with this agent's credential and checks its SHA-256.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export class BundleError extends Error {
  constructor(
    message: string,
    readonly code: 'E_BUNDLE_REFUSED' | 'E_BUNDLE_CHECKSUM' | 'E_BUNDLE_UNREACHABLE',
  ) {
    super(message);
  }
}

async function download(consoleUrl: string, credential: string, file: string): Promise<Buffer> {
  const url = `${consoleUrl}/downloads/agent/${file}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${credential}` },
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleError(`could not reach ${url}: ${reason}`, 'E_BUNDLE_UNREACHABLE');
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    const reason = body.toString('utf8').trim().slice(0, 500);
    throw new BundleError(`${url} answered ${response.status}: ${reason}`, 'E_BUNDLE_REFUSED');
  }
  return body;
}

/** The agent version the console serves now. */
export async function fetchLatestVersion(consoleUrl: string, credential: string): Promise<string> {
  const text = (await download(consoleUrl, credential, 'latest')).toString('utf8').trim();
  if (!/^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/.test(text)) {
    throw new BundleError(`the console named an invalid version: ${text}`, 'E_BUNDLE_REFUSED');
  }
  return text;
}

/** Downloads `<version>.tgz` into `dir` and returns its path, after checking the checksum. */
export async function downloadBundle(
  consoleUrl: string,
  credential: string,
  version: string,
  dir: string,
): Promise<string> {
  const name = `${version}.tgz`;
  const [archive, sumFile] = await Promise.all([
    download(consoleUrl, credential, name),
    download(consoleUrl, credential, `${name}.sha256`),
  ]);
  const expected = sumFile.toString('utf8').trim().split(/\s+/)[0] ?? '';
  const actual = createHash('sha256').update(archive).digest('hex');
  if (expected !== actual) {
    throw new BundleError(
      `checksum mismatch for agent ${version}: expected ${expected}, got ${actual}`,
      'E_BUNDLE_CHECKSUM',
    );
  }
  const file = path.join(dir, name);
  await writeFile(file, archive);
  return file;
}
