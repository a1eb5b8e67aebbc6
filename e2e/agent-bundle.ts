// The console under test serves a private copy of the agent bundle, so journeys can publish a new
// version or tamper with a file without touching apps/agent/dist.
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const builtBundleDir = path.resolve(import.meta.dirname, '../apps/agent/dist/bundle');

export async function copyAgentBundle(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-bundle-'));
  await cp(builtBundleDir, dir, { recursive: true });
  return dir;
}
