import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import {
  appCodeOf,
  clusterInfoText,
  clusterNodesText,
  enrollAgents,
  redisId,
  succeedAllSteps,
  type TestAgent,
} from '../../tests/fleet.js';

const unknownId = '00000000-0000-4000-8000-000000000000';

describe.each(databaseKinds())(
  'cluster operations refused before anything changes on %s',
  (kind) => {
    let h: Harness;
    let agents: TestAgent[];
    let clusterId: string;
    beforeAll(async () => {
      h = await startHarness(kind);
      agents = await enrollAgents(h, 5, 7301);
      const op = await h.as.operator.clusters.create({
        name: 'refusals',
        agentIds: agents.slice(0, 3).map((a) => a.id),
        replicas: 0,
      });
      clusterId = op.clusterId;
    }, 180_000);
    afterAll(() => h.stop());

    /** Clusters, operations and audit rows: none may change when a request is refused. */
    const snapshot = async () => ({
      clusters: await h.as.viewer.clusters.list(),
      operations: (await h.as.viewer.operations.list({ limit: 100 })).items.map((o) => [
        o.id,
        o.status,
      ]),
      audit: (await listAudit(h.client.db, { limit: 1 }))[0]?.id,
    });
    const refused = async (call: () => Promise<unknown>, code: string) => {
      const before = await snapshot();
      expect(await appCodeOf(call())).toBe(code);
      expect(await snapshot()).toEqual(before);
    };
    const spare = () => agents.slice(3).map((a) => a.id);

    it('refuses another operation while one runs on the cluster', async () => {
      await refused(() => h.as.operator.clusters.repair({ clusterId }), 'E_OPERATION_RUNNING');
      await refused(
        () =>
          h.as.operator.clusters.changeConfig({
            clusterId,
            maxmemory: '100mb',
            maxmemoryPolicy: null,
          }),
        'E_OPERATION_RUNNING',
      );
      const first = agents[0];
      if (first) await succeedAllSteps(first);
    });

    it('refuses create with agents already in a cluster, or too few for the replicas asked', async () => {
      await refused(
        () =>
          h.as.operator.clusters.create({
            name: 'again',
            agentIds: [...spare(), agents[0]?.id ?? ''],
            replicas: 0,
          }),
        'E_AGENT_IN_CLUSTER',
      );
      await refused(
        () => h.as.operator.clusters.create({ name: 'small', agentIds: spare(), replicas: 0 }),
        'E_TOO_FEW_AGENTS',
      );
      await refused(
        () =>
          h.as.operator.clusters.create({
            name: 'repl',
            agentIds: [...spare(), unknownId],
            replicas: 1,
          }),
        'E_TOO_FEW_AGENTS',
      );
      await refused(
        () =>
          h.as.operator.clusters.create({
            name: 'refusals',
            agentIds: [...spare(), unknownId],
            replicas: 0,
          }),
        'E_CLUSTER_NAME_TAKEN',
      );
    });

    it('refuses operations on an unknown cluster or node', async () => {
      await refused(
        () => h.as.operator.clusters.rebalance({ clusterId: unknownId }),
        'E_CLUSTER_NOT_FOUND',
      );
      await refused(
        () => h.as.operator.clusters.repair({ clusterId: unknownId }),
        'E_CLUSTER_NOT_FOUND',
      );
      await refused(
        () => h.as.viewer.clusters.get({ clusterId: unknownId }),
        'E_CLUSTER_NOT_FOUND',
      );
      await refused(
        () => h.as.operator.clusters.removeNode({ nodeId: unknownId }),
        'E_NODE_NOT_FOUND',
      );
    });

    it('refuses every operation to a viewer (roles are global: a viewer may manage no cluster)', async () => {
      await refused(() => h.as.viewer.clusters.repair({ clusterId }), 'FORBIDDEN');
      await refused(() => h.as.viewer.clusters.rebalance({ clusterId }), 'FORBIDDEN');
      await refused(
        () => h.as.viewer.clusters.create({ name: 'viewer', agentIds: spare(), replicas: 0 }),
        'FORBIDDEN',
      );
    });

    it('refuses bad input with a validation error', async () => {
      await refused(
        () => h.as.operator.clusters.create({ name: 'Bad Name!', agentIds: spare(), replicas: 0 }),
        'BAD_REQUEST',
      );
      await refused(
        () =>
          h.as.operator.clusters.changeConfig({
            clusterId,
            maxmemory: 'lots',
            maxmemoryPolicy: null,
          }),
        'BAD_REQUEST',
      );
    });

    describe('once Redis reports node 0 primary of all slots and nodes 1, 2 its replicas', () => {
      beforeAll(async () => {
        const view = [
          { id: redisId(0), port: 7301, role: 'master' as const, slots: ['0-16383'] },
          { id: redisId(1), port: 7302, role: 'slave' as const, primaryId: redisId(0) },
          { id: redisId(2), port: 7303, role: 'slave' as const, primaryId: redisId(0) },
        ];
        await agents[0]?.caller.agentFleet.reportTopology({
          myId: redisId(0),
          clusterNodes: clusterNodesText(view, redisId(0)),
          clusterInfo: clusterInfoText('ok', 3, 3),
        });
      });
      const nodeIdOf = async (i: number) =>
        (await h.as.viewer.clusters.get({ clusterId })).nodes.find(
          (n) => n.agentId === agents[i]?.id,
        )?.id ?? '';

      it('refuses to remove the last primary', async () => {
        const nodeId = await nodeIdOf(0);
        await refused(() => h.as.operator.clusters.removeNode({ nodeId }), 'E_LAST_PRIMARY');
      });

      it('refuses a failover to a node that is not a replica (of that primary)', async () => {
        const primary = await nodeIdOf(0);
        const replica = await nodeIdOf(1);
        const other = await nodeIdOf(2);
        await refused(
          () => h.as.operator.clusters.failover({ replicaNodeId: primary }),
          'E_NOT_A_REPLICA',
        );
        await refused(
          () => h.as.operator.clusters.failover({ replicaNodeId: replica, primaryNodeId: other }),
          'E_NOT_A_REPLICA',
        );
        const op = await h.as.operator.clusters.failover({
          replicaNodeId: replica,
          primaryNodeId: primary,
        });
        expect(op).toMatchObject({ kind: 'failover', status: 'running' });
        expect(await h.as.operator.operations.cancel({ id: op.id })).toEqual({
          status: 'cancelled',
        });
      });

      it('has nothing to rebalance with a single primary', async () => {
        const plan = await h.as.viewer.clusters.planRebalance({ clusterId });
        expect(plan).toEqual({ moves: [], totalSlots: 0 });
      });
    });
  },
);
