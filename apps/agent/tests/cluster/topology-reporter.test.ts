// The topology reporter against real redis-servers, with a recording stand-in for the control
// plane and a 60 s heartbeat: every report after the first is one the reporter sent because the
// topology changed, never because time passed.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startRedis,
  startRedisCluster,
  type TestRedis,
  type TestRedisCluster,
} from '@cachefleet/testing';
import type { FleetApi, ReportTopologyInput } from '../../src/cluster/fleet-api.js';
import {
  createTopologyReporter,
  type TopologyReporter,
} from '../../src/cluster/topology-reporter.js';
import { topologySignature } from '../../src/cluster/topology-signature.js';
import { createLogger } from '../../src/logger.js';
import { waitFor } from '../helpers/wait.js';

const heartbeatMs = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Recorded {
  at: number;
  input: ReportTopologyInput;
}

function recordingApi(options: { delayMs?: number; fail?: boolean } = {}) {
  const reports: Recorded[] = [];
  const state = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const unused = () => Promise.reject(new Error('not used by the reporter'));
  const api: FleetApi = {
    desiredState: unused,
    claimStep: unused,
    reportStep: unused,
    async reportTopology(input) {
      state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await sleep(options.delayMs ?? 0);
      state.inFlight--;
      if (options.fail) throw new Error('control plane away');
      reports.push({ at: Date.now(), input });
      return { ok: true };
    },
  };
  return { api, reports, state };
}

/** The reporter's own line of CLUSTER NODES in a report. */
const myselfLine = (r: Recorded) =>
  r.input.clusterNodes.split('\n').find((line) => line.includes('myself')) ?? '';
const replicationOf = (r: Recorded) => r.input.replicationInfo ?? '';
/** The first report sent after `since` that `matches`, if any yet. */
const reportAfter = (reports: Recorded[], since: number, matches: (r: Recorded) => boolean) =>
  reports.find((r) => r.at >= since && matches(r));

describe('topology reporter on a real Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let extra: TestRedis;
  const clients: Redis[] = [];
  let reporter: TopologyReporter | undefined;
  const connect = (node: { port: number }) => {
    const client = new Redis({ port: node.port, maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await startRedisCluster(3, 0);
    extra = await startRedis({ cluster: true });
  }, 60_000);
  afterEach(async () => {
    await reporter?.ticker.stop();
    reporter = undefined;
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await extra.stop();
    await cluster.stop();
  });

  it('reports attaching, the first sync and a failover as they happen, and nothing in between', async () => {
    const [first] = cluster.nodes;
    if (!first) throw new Error('no primary');
    const primary = connect(first);
    const node = connect(extra);
    const recorder = recordingApi();
    const log = createLogger({}, 'error');
    reporter = createTopologyReporter(recorder.api, node, log, { checkMs: 100, heartbeatMs });
    reporter.ticker.start();
    await waitFor('the first report', () => recorder.reports.length > 0);

    // The primary holds its first sync with the new replica until released.
    await primary.config('SET', 'repl-diskless-sync-delay', '30');
    const primaryId = String(await primary.call('CLUSTER', 'MYID'));
    await node.call('CLUSTER', 'MEET', first.host, String(first.port));
    await waitFor('the new node to replicate the primary', async () => {
      await node.call('CLUSTER', 'REPLICATE', primaryId);
      return true;
    });
    const attached = await waitFor('a report of the attached, unsynced replica', () =>
      reportAfter(
        recorder.reports,
        0,
        (r) =>
          myselfLine(r).includes(`slave ${primaryId}`) &&
          replicationOf(r).includes('master_link_status:down'),
      ),
    );
    expect(replicationOf(attached)).toContain('master_link_down_since_seconds:-1');

    const releasedAt = Date.now();
    await primary.config('SET', 'repl-diskless-sync-delay', '0');
    const synced = await waitFor('a report of the finished first sync', () =>
      reportAfter(recorder.reports, releasedAt, (r) =>
        replicationOf(r).includes('master_link_status:up'),
      ),
    );
    expect(synced.at - releasedAt).toBeLessThan(heartbeatMs);

    const failoverAt = Date.now();
    let askedAt = 0;
    const promoted = await waitFor(
      'a report of the promotion',
      async () => {
        // Redis gives up a manual failover after 5 s without the primary's agreement: ask again.
        if (Date.now() - askedAt > 6_000) {
          askedAt = Date.now();
          await node.call('CLUSTER', 'FAILOVER');
        }
        return reportAfter(recorder.reports, failoverAt, (r) =>
          /myself,master/.test(myselfLine(r)),
        );
      },
      30_000,
    );
    expect(promoted.at - failoverAt).toBeLessThan(heartbeatMs);

    // Settled once it reported the old primary as its synced replica: nothing more to report.
    const myId = String(await node.call('CLUSTER', 'MYID'));
    await waitFor(
      'a report of the old primary as a synced replica',
      () =>
        reportAfter(
          recorder.reports,
          failoverAt,
          (r) =>
            r.input.clusterNodes.includes(`slave ${myId}`) &&
            replicationOf(r).includes('state=online'),
        ),
      40_000,
    );
    await sleep(500);
    const settled = recorder.reports.length;
    await sleep(1_500);
    expect(recorder.reports.length).toBe(settled);
    // Each report carried a change from the one before: no report repeats an unchanged topology.
    const signatures = recorder.reports.map((r) =>
      topologySignature({ ...r.input, replicationInfo: replicationOf(r) }),
    );
    signatures.slice(1).forEach((s, i) => {
      expect(s).not.toBe(signatures[i]);
    });
    expect(recorder.state.maxInFlight).toBe(1);
  }, 90_000);

  it('sends one report at a time to a slow control plane, the next with the latest topology', async () => {
    const lone = await startRedis({ cluster: true });
    const node = connect(lone);
    try {
      const recorder = recordingApi({ delayMs: 500 });
      reporter = createTopologyReporter(recorder.api, node, createLogger({}, 'error'), {
        checkMs: 20,
        heartbeatMs,
      });
      reporter.ticker.start();
      await waitFor('the first report', () => recorder.reports.length > 0);
      // Ten changes, one every 100 ms, while each report takes 500 ms.
      for (let slot = 0; slot < 10; slot++) {
        await node.call('CLUSTER', 'ADDSLOTS', String(slot));
        await sleep(100);
      }
      await waitFor('a report with all ten slots', () =>
        recorder.reports.find((r) => / 0-9$/.test(myselfLine(r).trim())),
      );
      expect(recorder.state.maxInFlight).toBe(1);
      expect(recorder.reports.length).toBeLessThan(1 + 10);
    } finally {
      await reporter?.ticker.stop();
      node.disconnect();
      await lone.stop();
    }
  }, 60_000);

  it('backs off to the heartbeat while the control plane fails, instead of retrying every check', async () => {
    const node = connect(extra);
    const recorder = recordingApi({ fail: true });
    reporter = createTopologyReporter(recorder.api, node, createLogger({}, 'error'), {
      checkMs: 20,
      heartbeatMs: 1_000,
    });
    reporter.ticker.start();
    await waitFor('the first attempt', () => recorder.state.calls > 0);
    await sleep(2_500);
    // About one try per second, where a try per check would have made over a hundred.
    expect(recorder.state.calls).toBeLessThanOrEqual(6);
  }, 30_000);
});
