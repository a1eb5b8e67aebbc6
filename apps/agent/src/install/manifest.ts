// `<prefix>/install.json`, written by install.sh: where this installation keeps everything, and
// how its service runs. `upgrade` and `uninstall` work only on an installed agent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { agentEnv } from '../env.js';

export const installManifestSchema = z.object({
  prefix: z.string().min(1),
  configPath: z.string().min(1),
  dataDir: z.string().min(1),
  service: z.enum(['systemd', 'background']),
  unitFile: z.string().min(1),
  pidFile: z.string().min(1),
  logFile: z.string().min(1),
});

export type InstallManifest = z.infer<typeof installManifestSchema>;

export class NotInstalledError extends Error {
  readonly code = 'E_NOT_INSTALLED';
}

export function launcherPath(manifest: InstallManifest): string {
  return path.join(manifest.prefix, 'bin', 'cachefleet-agent');
}

/** The manifest of the installation this CLI runs from (the launcher sets CACHEFLEET_AGENT_HOME). */
export async function readInstallManifest(
  home: string | undefined = agentEnv.agentHome,
): Promise<InstallManifest> {
  if (!home) {
    throw new NotInstalledError(
      'this agent was not installed by install.sh (CACHEFLEET_AGENT_HOME is not set); run it through its launcher, <prefix>/bin/cachefleet-agent',
    );
  }
  const file = path.join(home, 'install.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NotInstalledError(`no install manifest at ${file}`);
  }
  return installManifestSchema.parse(JSON.parse(text));
}
