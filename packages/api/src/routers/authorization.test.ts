import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Caller, type Harness } from '../../tests/harness.js';
import { appRouter } from '../root.js';

/** Procedures anyone may call: signing in, joining with an enrollment token, and health. */
const publicProcedures = new Set(['auth.login', 'agent.join', 'health.ping']);
/** Procedures for agents only: a signed-in user is still unauthorized there. */
const agentProcedures = new Set([
  'agent.heartbeat',
  'agent.membership',
  'agent.deregister',
  'agentData.config',
  'agentData.reportKeyUsage',
  'agentFleet.desiredState',
  'agentFleet.reportTopology',
  'agentFleet.claimStep',
  'agentFleet.reportStep',
]);
/** Procedures for services holding an API key: a signed-in user is still unauthorized there. */
const apiKeyProcedures = new Set<string>([
  'sdk.namespace',
  'cache.get',
  'cache.set',
  'cache.delete',
  'cache.getMany',
  'cache.invalidate',
]);

/** Mutations and queries a viewer must be refused, with a valid-looking input. */
const forbiddenForViewer: [string, unknown][] = [
  ['enrollment.create', {}],
  ['enrollment.list', undefined],
  ['enrollment.revoke', { id: '00000000-0000-4000-8000-000000000000' }],
  ['users.list', undefined],
  ['users.create', { email: 'n@x.io', name: 'n', role: 'viewer', password: 'long enough pass' }],
  ['users.setRole', { id: '00000000-0000-4000-8000-000000000000', role: 'admin' }],
  ['audit.list', {}],
  ['nodes.requestUpgrade', { id: '00000000-0000-4000-8000-000000000000' }],
  ['monitoring.createToken', { purpose: 'scrape' }],
  ['monitoring.listTokens', undefined],
  ['monitoring.revokeToken', { id: '00000000-0000-4000-8000-000000000000' }],
  ['alertRules.create', { name: 'X', metric: 'redis_up', comparator: '<', threshold: 1 }],
  [
    'alertRules.update',
    {
      id: '00000000-0000-4000-8000-000000000000',
      rule: { name: 'X', metric: 'redis_up', comparator: '<', threshold: 1 },
    },
  ],
  ['alertRules.delete', { id: '00000000-0000-4000-8000-000000000000' }],
  ['alerts.silence', { labels: { alertname: 'RedisDown' }, comment: 'maintenance' }],
  ['alerts.expireSilence', { id: '00000000-0000-4000-8000-000000000000' }],
  ['channels.create', { channel: { kind: 'slack', name: 's', url: 'https://hooks.example/x' } }],
  ['channels.delete', { id: '00000000-0000-4000-8000-000000000000' }],
  ['channels.sendTest', { id: '00000000-0000-4000-8000-000000000000' }],
  ['apiKeys.create', { name: 'k', scopes: [{ namespace: 'users', permission: 'read' }] }],
  ['apiKeys.revoke', { id: '00000000-0000-4000-8000-000000000000' }],
  ['dataSources.create', { name: 's', connectionString: 'postgres://u:p@h/db' }],
  ['dataSources.delete', { id: '00000000-0000-4000-8000-000000000000' }],
  ['dataSources.testConnection', { id: '00000000-0000-4000-8000-000000000000' }],
  ['dataSources.createTable', { id: '00000000-0000-4000-8000-000000000000', table: 't' }],
  ['namespaces.create', { name: 'n', clusterId: '00000000-0000-4000-8000-000000000000' }],
  ['namespaces.update', { name: 'n' }],
  ['namespaces.delete', { name: 'n' }],
  ['keys.delete', { namespace: 'n', key: 'k' }],
  ['keys.invalidate', { namespace: 'n', tag: 't' }],
  [
    'clusters.create',
    { name: 'c', agentIds: ['00000000-0000-4000-8000-000000000000'], replicas: 0 },
  ],
  [
    'clusters.addNodes',
    {
      clusterId: '00000000-0000-4000-8000-000000000000',
      agentIds: ['00000000-0000-4000-8000-000000000000'],
      rebalance: true,
    },
  ],
  ['clusters.rebalance', { clusterId: '00000000-0000-4000-8000-000000000000' }],
  ['clusters.removeNode', { nodeId: '00000000-0000-4000-8000-000000000000' }],
  ['clusters.failover', { replicaNodeId: '00000000-0000-4000-8000-000000000000' }],
  ['clusters.repair', { clusterId: '00000000-0000-4000-8000-000000000000' }],
  [
    'clusters.changeConfig',
    { clusterId: '00000000-0000-4000-8000-000000000000', maxmemory: '1gb', maxmemoryPolicy: null },
  ],
  ['operations.cancel', { id: '00000000-0000-4000-8000-000000000000' }],
];

function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  if (typeof target !== 'function') throw new Error(`no procedure ${path}`);
  return target as (input: unknown) => Promise<unknown>;
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

const allPaths = Object.keys(appRouter._def.procedures);

describe.each(databaseKinds())('authorization on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  it.each(allPaths.filter((p) => !publicProcedures.has(p)))(
    '%s refuses anonymous callers with UNAUTHORIZED',
    async (path) => {
      expect(await codeOf(procedureAt(h.anonymous, path)({}))).toBe('UNAUTHORIZED');
    },
  );

  it.each([...agentProcedures, ...apiKeyProcedures])(
    '%s refuses a signed-in user without an agent credential or API key',
    async (path) => {
      expect(await codeOf(procedureAt(h.as.admin, path)({}))).toBe('UNAUTHORIZED');
    },
  );

  it('refuses a forged session token and a forged agent credential', async () => {
    const forged = await h.caller({ sessionToken: 'cfs_forged', bearerToken: 'cfa_forged' });
    expect(await codeOf(forged.nodes.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(procedureAt(forged, 'agent.heartbeat')({}))).toBe('UNAUTHORIZED');
  });

  it.each(forbiddenForViewer)('%s is FORBIDDEN for a viewer', async (path, input) => {
    expect(await codeOf(procedureAt(h.as.viewer, path)(input))).toBe('FORBIDDEN');
  });

  it('lets an operator read the audit log but not manage users', async () => {
    expect(await codeOf(h.as.operator.audit.list({}))).toBe('OK');
    expect(await codeOf(h.as.operator.users.list())).toBe('FORBIDDEN');
  });
});
