// Runs the console's one-line installer and the installed CLI as a host operator would.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDbClient, createEnrollmentToken } from '@cachefleet/db';

export interface Run {
  code: number;
  output: string;
}

/** Runs a shell command line to completion, capturing stdout and stderr together. */
export function sh(command: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      resolve({ code: code ?? 1, output });
    });
  });
}

export function cli(prefix: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(path.join(prefix, 'bin/cachefleet-agent'), args, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

/** A fresh prefix and config dir under one temporary folder (neither exists yet). */
export async function hostDirs() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-host-'));
  return {
    root,
    prefix: path.join(root, 'opt/cachefleet-agent'),
    configDir: path.join(root, 'etc'),
  };
}

export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** A PATH with every program of /usr/bin and /bin except `missing`. */
export async function pathWithout(missing: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-path-'));
  for (const bin of ['/usr/bin', '/bin']) {
    for (const name of await readdir(bin).catch(() => [])) {
      if (name === missing) continue;
      await symlink(path.join(bin, name), path.join(dir, name)).catch(() => undefined);
    }
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Writes an enrollment token straight into the console's database (e.g. one already expired). */
export async function insertToken(options: { expired?: boolean; revoked?: boolean } = {}) {
  const url = process.env.CACHEFLEET_E2E_DATABASE_URL;
  if (!url) throw new Error('global setup did not record the database URL');
  const token = `cfe_${randomBytes(24).toString('base64url')}`;
  const client = createDbClient(url);
  try {
    const hour = 3_600_000;
    await createEnrollmentToken(client.db, {
      tokenHash: createHash('sha256').update(token).digest('hex'),
      prefix: token.slice(0, 10),
      expiresAt: new Date(Date.now() + (options.expired ? -hour : hour)),
      revokedAt: options.revoked ? new Date() : null,
    });
  } finally {
    await client.close();
  }
  return token;
}
