import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '~/env';

/** The agent build writes its bundle to apps/agent/dist/bundle; `next start` runs in apps/web. */
export function agentBundleDir(): string {
  // A runtime folder, not a source: keep Turbopack from tracing the project through it.
  return path.resolve(
    /*turbopackIgnore: true*/ getEnv().CACHEFLEET_AGENT_BUNDLE_DIR ?? '../agent/dist/bundle',
  );
}

/** Only names the bundle step writes; anything else (e.g. `../`) is not a bundle file. */
const bundleFile = /^(?:latest|[0-9A-Za-z][0-9A-Za-z.+-]{0,63}\.tgz(?:\.sha256)?)$/;

export function isBundleFileName(name: string): boolean {
  return bundleFile.test(name);
}

/** The file's bytes, or null when this console has no such file. */
export async function readBundleFile(name: string): Promise<Buffer | null> {
  if (!isBundleFileName(name) && name !== 'install.sh') return null;
  try {
    return await readFile(/*turbopackIgnore: true*/ path.join(agentBundleDir(), name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The version of the agent bundle this console serves, or null when it has none. */
export async function readAgentRelease(): Promise<string | null> {
  const latest = await readBundleFile('latest');
  return latest ? latest.toString('utf8').trim() || null : null;
}
