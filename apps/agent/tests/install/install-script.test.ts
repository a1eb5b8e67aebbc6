// The installer's pieces that need no console: the systemd unit it writes, and argument checks.
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const installDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../install');
const script = path.join(installDir, 'install.sh');

function installSh(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('sh', [script, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('install.sh', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'cf-install-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the committed systemd unit for the default paths', async () => {
    const fixture = await readFile(path.join(installDir, 'cachefleet-agent.service'), 'utf8');
    const { code, output } = await installSh(['--print-systemd-unit']);
    expect(code).toBe(0);
    expect(output).toBe(fixture);
  });

  it.runIf(hasSystemdAnalyze())('writes a unit that systemd-analyze verify accepts', async () => {
    const prefix = path.join(dir, 'opt');
    await mkdir(path.join(prefix, 'bin'), { recursive: true });
    const launcher = path.join(prefix, 'bin/cachefleet-agent');
    await writeFile(launcher, '#!/bin/sh\n');
    await chmod(launcher, 0o755);
    const args = [
      '--print-systemd-unit',
      '--prefix',
      prefix,
      '--config-dir',
      path.join(dir, 'etc'),
    ];
    const unitFile = path.join(dir, 'cachefleet-agent.service');
    await writeFile(unitFile, (await installSh(args)).output);
    const verified = await new Promise<string>((resolve) => {
      execFile('systemd-analyze', ['verify', unitFile], (error, stdout, stderr) => {
        resolve(`${error ? `exit ${String(error.code)}\n` : ''}${stdout}${stderr}`);
      });
    });
    // It exits 0 even for a bad setting, but names the unit file in every complaint.
    expect(verified).not.toContain(unitFile);
    expect(verified).not.toMatch(/^exit/);
  });

  it('refuses paths it cannot write safely into a unit, and asks for a token', async () => {
    const spaced = await installSh(['--url', 'http://c', '--token', 't', '--prefix', '/opt/a b']);
    expect(spaced).toMatchObject({ code: 1 });
    expect(spaced.output).toContain('--prefix may contain only');
    const noToken = await installSh(['--url', 'http://c']);
    expect(noToken.output).toContain('--token is required');
    const noUrl = await installSh(['--token', 't']);
    expect(noUrl.output).toContain('--url is required');
  });
});
