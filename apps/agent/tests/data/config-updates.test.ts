// Config changes reach a running DataService within a poll (keys revoked, namespaces added,
// changed and removed, ACL users applied to its node), and it keeps serving its last config while
// the control plane is unreachable.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import {
  apiKey,
  call,
  ConfigSource,
  dataConfig,
  namespace,
  startDataService,
  startDataStack,
  type DataStack,
  type RunningDataService,
} from './harness.js';

describe('data config updates', () => {
  let stack: DataStack;
  let agent: RunningDataService;
  let source: ConfigSource;
  let admin: Redis;
  const key = apiKey({ one: 'read-write', two: 'read-write' });
  const other = apiKey({ one: 'read' });
  const one = () => namespace('one', stack.db, { writeMode: 'cache-aside', source: null });
  const two = () => namespace('two', stack.db, { writeMode: 'cache-aside', source: null });
  const users = async () => (await admin.call('ACL', 'USERS')) as string[];

  beforeAll(async () => {
    stack = await startDataStack();
    const node = stack.cluster.nodes[0];
    if (node === undefined) throw new Error('no node');
    admin = new Redis({ host: node.host, port: node.port });
    source = new ConfigSource(dataConfig(stack.cluster, [one()], [key, other]));
    agent = await startDataService(source, (command, ...args) => admin.call(command, ...args));
  });
  afterAll(async () => {
    admin.disconnect();
    await agent.stop();
    await stack.stop();
  });

  it('applies the keys as ACL users on its node and removes revoked ones', async () => {
    expect(await users()).toEqual(
      expect.arrayContaining([key.config.aclUser, other.config.aclUser]),
    );
    source.set(dataConfig(stack.cluster, [one()], [key]));
    await waitFor(
      'the revoked user to go',
      async () => !(await users()).includes(other.config.aclUser),
    );
    const refused = await call(agent.url, 'GET', '/v1/ns/one/keys/a', { secret: other.secret });
    expect(refused.body.error?.code).toBe('E_UNAUTHORIZED');
  });

  it('serves a namespace added, follows a changed limit and drops a removed one', async () => {
    const secret = key.secret;
    expect((await call(agent.url, 'GET', '/v1/ns/two/keys/a', { secret })).status).toBe(404);
    source.set(dataConfig(stack.cluster, [one(), two()], [key]));
    await waitFor(
      'namespace two',
      async () =>
        (await call(agent.url, 'PUT', '/v1/ns/two/keys/a', { secret, body: { value: 1 } }))
          .status === 200,
    );
    source.set(dataConfig(stack.cluster, [one(), { ...two(), maxKeyBytes: 4 }], [key]));
    await waitFor(
      'the smaller key limit',
      async () =>
        (await call(agent.url, 'GET', '/v1/ns/two/keys/abcde', { secret })).body.error?.code ===
        'E_INVALID_KEY',
    );
    expect((await call(agent.url, 'GET', '/v1/ns/two/keys/a', { secret })).body).toMatchObject({
      value: 1,
    });
    source.set(dataConfig(stack.cluster, [one()], [key]));
    await waitFor(
      'namespace two gone',
      async () =>
        (await call(agent.url, 'GET', '/v1/ns/two/keys/a', { secret })).body.error?.code ===
        'E_UNKNOWN_NAMESPACE',
    );
  });

  it('keeps serving its last config while the control plane is down', async () => {
    const secret = key.secret;
    await call(agent.url, 'PUT', '/v1/ns/one/keys/kept', { secret, body: { value: 'still here' } });
    source.down = true;
    await new Promise((r) => setTimeout(r, 600));
    expect((await call(agent.url, 'GET', '/v1/ns/one/keys/kept', { secret })).body).toMatchObject({
      value: 'still here',
    });
    expect(await users()).toContain(key.config.aclUser);
    source.down = false;
    source.set(dataConfig(stack.cluster, [one(), two()], [key]));
    await waitFor(
      'catching up',
      async () =>
        (await call(agent.url, 'GET', '/v1/ns/two/keys/x', { secret })).body.error?.code ===
        'E_NOT_FOUND',
    );
  });
});
