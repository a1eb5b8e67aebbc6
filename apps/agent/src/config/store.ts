import { randomBytes } from 'node:crypto';
import { access, chmod, constants, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { agentConfigSchema, type AgentConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly code: 'E_CONFIG_MISSING' | 'E_CONFIG_INVALID',
  ) {
    super(message);
  }
}

/** Reads and validates the agent config; a missing or malformed file is a ConfigError. */
export async function readConfig(configPath: string): Promise<AgentConfig> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigError(`no agent config at ${configPath}`, 'E_CONFIG_MISSING');
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${configPath} is not JSON: ${String(error)}`, 'E_CONFIG_INVALID');
  }
  const parsed = agentConfigSchema.safeParse(json);
  if (!parsed.success) {
    const detail = z.prettifyError(parsed.error);
    throw new ConfigError(`${configPath} is invalid:\n${detail}`, 'E_CONFIG_INVALID');
  }
  return parsed.data;
}

/** Creates the config's folder (0700: it holds secrets) and fails early if it is not writable. */
export async function prepareConfigDir(configPath: string): Promise<void> {
  const dir = path.dirname(configPath);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await access(dir, constants.W_OK);
}

/** Writes atomically (temp file + rename) with mode 0600: the file holds the agent credential. */
export async function writeConfig(configPath: string, config: AgentConfig): Promise<void> {
  const valid = agentConfigSchema.parse(config);
  await prepareConfigDir(configPath);
  const temp = `${configPath}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  // A strict umask could strip the owner's bits; set the mode explicitly.
  await chmod(temp, 0o600);
  await rename(temp, configPath);
}

export async function configExists(configPath: string): Promise<boolean> {
  try {
    await access(configPath, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
