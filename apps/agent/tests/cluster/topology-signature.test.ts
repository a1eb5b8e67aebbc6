import { describe, expect, it } from 'vitest';
import { topologySignature, type TopologySnapshot } from '../../src/cluster/topology-signature.js';

const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
// As redis-server 7 prints them; the replica b of primary a.
const nodes = (opts: { ping?: string; bFlags?: string; bLink?: string; aSlots?: string } = {}) =>
  [
    `${a} 127.0.0.1:7001@17001 myself,master - 0 ${opts.ping ?? '1700000000000'} 1 connected ${opts.aSlots ?? '0-16383'}`,
    `${b} 127.0.0.1:7002@17002 ${opts.bFlags ?? 'slave'} ${a} ${opts.ping ?? '1700000000000'} 1700000000500 1 ${opts.bLink ?? 'connected'}`,
    '',
  ].join('\n');
const info = (opts: { epoch?: number; messages?: number; state?: string } = {}) =>
  [
    `cluster_state:${opts.state ?? 'ok'}`,
    'cluster_slots_assigned:16384',
    'cluster_slots_ok:16384',
    'cluster_slots_pfail:0',
    'cluster_slots_fail:0',
    'cluster_known_nodes:2',
    'cluster_size:1',
    `cluster_current_epoch:${opts.epoch ?? 1}`,
    'cluster_my_epoch:1',
    `cluster_stats_messages_ping_sent:${opts.messages ?? 10}`,
    `cluster_stats_messages_received:${opts.messages ?? 10}`,
    '',
  ].join('\r\n');
const replication = (opts: { state?: string; offset?: number } = {}) =>
  [
    '# Replication',
    'role:master',
    'connected_slaves:1',
    `slave0:ip=127.0.0.1,port=7002,state=${opts.state ?? 'online'},offset=${opts.offset ?? 100},lag=0`,
    `master_repl_offset:${opts.offset ?? 100}`,
    '',
  ].join('\r\n');
const replicaReplication = (link: string, downSince: number | null, sync = 0) =>
  [
    '# Replication',
    'role:slave',
    'master_host:127.0.0.1',
    'master_port:7001',
    `master_link_status:${link}`,
    `master_sync_in_progress:${sync}`,
    ...(downSince === null ? [] : [`master_link_down_since_seconds:${downSince}`]),
    '',
  ].join('\r\n');

const snapshot = (over: Partial<TopologySnapshot> = {}): TopologySnapshot => ({
  myId: a,
  clusterNodes: nodes(),
  clusterInfo: info(),
  replicationInfo: replication(),
  ...over,
});
const base = topologySignature(snapshot());
const changes = (over: Partial<TopologySnapshot>) => topologySignature(snapshot(over)) !== base;

describe('topology signature', () => {
  it('ignores what Redis rewrites all the time: ping/pong times, message counters, offsets', () => {
    expect(changes({ clusterNodes: nodes({ ping: '1700000009999' }) })).toBe(false);
    expect(changes({ clusterInfo: info({ messages: 9999 }) })).toBe(false);
    expect(changes({ replicationInfo: replication({ offset: 123456 }) })).toBe(false);
  });

  it('ignores the order of CLUSTER NODES lines', () => {
    const reversed = nodes().trim().split('\n').reverse().join('\n');
    expect(changes({ clusterNodes: reversed })).toBe(false);
  });

  it('changes with roles, primaries, fail/pfail flags, link state and slots', () => {
    expect(changes({ clusterNodes: nodes({ bFlags: 'master' }) })).toBe(true);
    expect(changes({ clusterNodes: nodes({ bFlags: 'slave,fail?' }) })).toBe(true);
    expect(changes({ clusterNodes: nodes({ bFlags: 'slave,fail' }) })).toBe(true);
    expect(changes({ clusterNodes: nodes({ bLink: 'disconnected' }) })).toBe(true);
    expect(changes({ clusterNodes: nodes({ aSlots: '0-8191' }) })).toBe(true);
    expect(changes({ clusterNodes: nodes().replace(` ${a} `, ` ${'c'.repeat(40)} `) })).toBe(true);
  });

  it('changes with the cluster state and epoch, and with the node id', () => {
    expect(changes({ clusterInfo: info({ epoch: 2 }) })).toBe(true);
    expect(changes({ clusterInfo: info({ state: 'fail' }) })).toBe(true);
    expect(changes({ myId: b })).toBe(true);
  });

  it("changes with a replica's sync: waiting, transferring, linked; not with link-down seconds", () => {
    const sig = (text: string) => topologySignature(snapshot({ replicationInfo: text }));
    const waiting = sig(replicaReplication('down', -1));
    const transferring = sig(replicaReplication('down', -1, 1));
    const linked = sig(replicaReplication('up', null));
    const lostPrimary = sig(replicaReplication('down', 3));
    expect(new Set([waiting, transferring, linked, lostPrimary]).size).toBe(4);
    expect(sig(replicaReplication('down', 9))).toBe(lostPrimary);
    expect(changes({ replicationInfo: replication({ state: 'wait_bgsave' }) })).toBe(true);
  });
});
