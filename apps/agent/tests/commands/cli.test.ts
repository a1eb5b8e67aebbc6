import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/agent-cli.js';

describe('cachefleet-agent command line', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.remove());

  it('prints help for the tool and for each command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/join[\s\S]*run[\s\S]*status/);
    for (const command of ['join', 'run', 'status']) {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: cachefleet-agent ${command}`);
    }
  });

  it('exits 2 with a clear error for an unknown command', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('cachefleet-agent --help');
  });

  it('exits 2 for an unknown flag, a missing required flag and a bad value', async () => {
    const unknown = await runCli(['status', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
    expect(unknown.stderr).toContain('cachefleet-agent status --help');

    const missing = await runCli(['join', '--url', 'http://127.0.0.1:1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--token is required');

    const badName = await runCli([
      'join',
      '--url',
      'http://127.0.0.1:1',
      '--token',
      't',
      '--name',
      '-bad name',
    ]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('--name');
  });

  it('run and status explain that the host is not joined yet', async () => {
    const config = path.join(tmp.dir, 'nothing.json');
    const run = await runCli(['run', '--config', config]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no agent config at ${config}`);
    expect(run.stderr).toContain('cachefleet-agent join');

    const status = await runCli(['status', '--config', config, '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ healthy: false, joined: { ok: false } });
  });
});
