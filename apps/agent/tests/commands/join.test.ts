import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { listAgents } from '@cachefleet/db';
import { freePort } from '@cachefleet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../../src/config/schema.js';
import { runCli, tempDir } from '../helpers/agent-cli.js';
import { startControlPlane, type TestControlPlane } from '../helpers/control-plane.js';

describe('cachefleet-agent join', () => {
  let cp: TestControlPlane;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    [cp, tmp] = await Promise.all([startControlPlane(), tempDir()]);
  });
  afterAll(async () => {
    await cp.stop();
    await tmp.remove();
  });

  const configIn = (name: string) => path.join(tmp.dir, name, 'agent.json');
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    );

  it('trades a token for a credential, writes a 0600 config and creates exactly one agent', async () => {
    const before = (await listAgents(cp.db)).length;
    const config = configIn('fresh');
    const result = await runCli([
      'join',
      '--url',
      cp.url,
      '--token',
      await cp.issueToken(),
      '--config',
      config,
      '--name',
      'cache-7',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('joined as cache-7');

    expect((await stat(config)).mode & 0o777).toBe(0o600);
    const written = agentConfigSchema.parse(JSON.parse(await readFile(config, 'utf8')));
    expect(written).toMatchObject({
      consoleUrl: cp.url,
      name: 'cache-7',
      advertiseHost: '127.0.0.1',
      dataDir: path.join(path.dirname(config), 'data'),
      agentPort: 0,
      redis: { port: 0, maxmemory: '256mb', maxmemoryPolicy: 'allkeys-lru' },
    });
    expect(written.credential).toMatch(/^cfa_/);
    expect(written.redis.password).toMatch(/^[0-9a-f]{64}$/);

    const agents = await listAgents(cp.db);
    expect(agents).toHaveLength(before + 1);
    expect(agents.find((a) => a.id === written.agentId)?.name).toBe('cache-7');
  });

  it('refuses a used token with the server message and code, and writes nothing', async () => {
    const token = await cp.issueToken();
    expect(
      (await runCli(['join', '--url', cp.url, '--token', token, '--config', configIn('first')]))
        .code,
    ).toBe(0);
    const before = (await listAgents(cp.db)).length;

    const config = configIn('second');
    const result = await runCli(['join', '--url', cp.url, '--token', token, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('enrollment token was already used; tokens are single-use');
    expect(result.stderr).toContain('E_ENROLLMENT_TOKEN_USED');
    expect(await exists(config)).toBe(false);
    expect(await listAgents(cp.db)).toHaveLength(before);
  });

  it('refuses an unknown token with the server message and code, and writes nothing', async () => {
    const config = configIn('unknown');
    const result = await runCli([
      'join',
      '--url',
      cp.url,
      '--token',
      'cfe_not-a-real-token',
      '--config',
      config,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('enrollment token not recognised');
    expect(result.stderr).toContain('E_ENROLLMENT_TOKEN_UNKNOWN');
    expect(await exists(config)).toBe(false);
  });

  it('will not overwrite the config of an already-joined agent unless --force', async () => {
    const config = configIn('rejoin');
    await runCli(['join', '--url', cp.url, '--token', await cp.issueToken(), '--config', config]);
    const original = await readFile(config, 'utf8');
    const token = await cp.issueToken();

    const refused = await runCli(['join', '--url', cp.url, '--token', token, '--config', config]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already joined');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(config, 'utf8')).toBe(original);

    const forced = await runCli([
      'join',
      '--url',
      cp.url,
      '--token',
      token,
      '--config',
      config,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    expect(await readFile(config, 'utf8')).not.toBe(original);
  });

  it('says so when the URL answers but is not a cachefleet console', async () => {
    const notConsole = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>not here</html>');
    });
    await new Promise<void>((resolve) => notConsole.listen(0, '127.0.0.1', resolve));
    const { port } = notConsole.address() as AddressInfo;
    const config = configIn('not-console');
    const result = await runCli([
      'join',
      '--url',
      `http://127.0.0.1:${port}`,
      '--token',
      'cfe_x',
      '--config',
      config,
    ]);
    notConsole.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('did not answer like a cachefleet console');
    expect(result.stderr).toContain('E_CONSOLE_BAD_RESPONSE');
    expect(await exists(config)).toBe(false);
  });

  it('reports an unreachable console without writing a config', async () => {
    const config = configIn('unreachable');
    const result = await runCli([
      'join',
      '--url',
      `http://127.0.0.1:${await freePort()}`,
      '--token',
      'cfe_x',
      '--config',
      config,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not reach the console');
    expect(result.stderr).toContain('E_CONSOLE_UNREACHABLE');
    expect(await exists(config)).toBe(false);
  });
});
