import type { NodeReplication } from '@cachefleet/db';
import { describe, expect, it } from 'vitest';
import { parseReplicationInfo } from './parse-replication-info.js';
import { isSyncingReplica, replicaLagBytes } from './replication-health.js';

// As redis-server 7.0 prints INFO replication (trimmed after the fields read).
const replica = (fields: string[]) =>
  [
    '# Replication',
    'role:slave',
    'master_host:127.0.0.1',
    'master_port:30001',
    ...fields,
    'slave_priority:100',
    'connected_slaves:0',
    'master_repl_offset:0',
    '',
  ].join('\r\n');

/** Attached, primary not yet sending (e.g. its diskless sync delay). */
const neverLinked = replica([
  'master_link_status:down',
  'master_last_io_seconds_ago:-1',
  'master_sync_in_progress:0',
  'master_link_down_since_seconds:-1',
]);
const transferring = replica([
  'master_link_status:down',
  'master_last_io_seconds_ago:-1',
  'master_sync_in_progress:1',
  'master_sync_total_bytes:-1',
  'master_link_down_since_seconds:-1',
]);
const synced = replica([
  'master_link_status:up',
  'master_last_io_seconds_ago:1',
  'master_sync_in_progress:0',
]);
/** Synced once, then its primary died (a failover is about to promote it). */
const primaryGone = replica([
  'master_link_status:down',
  'master_last_io_seconds_ago:-1',
  'master_sync_in_progress:0',
  'master_link_down_since_seconds:3',
]);
const primary = [
  '# Replication',
  'role:master',
  'connected_slaves:2',
  'slave0:ip=127.0.0.1,port=30004,state=online,offset=1900,lag=0',
  'slave1:ip=127.0.0.1,port=30005,state=wait_bgsave,offset=0,lag=0',
  'master_failover_state:no-failover',
  'master_repl_offset:2000',
  '',
].join('\r\n');

const syncing = (text: string) => isSyncingReplica('replica', parseReplicationInfo(text) ?? null);

describe('replica readiness from its own INFO replication', () => {
  it('is syncing until its first sync finished: linked never, or transferring', () => {
    expect(syncing(neverLinked)).toBe(true);
    expect(syncing(transferring)).toBe(true);
    expect(parseReplicationInfo(transferring)).toMatchObject({
      role: 'replica',
      masterLinkUp: false,
      syncInProgress: true,
      linkedSinceStart: false,
    });
  });

  it('is ready once its link is up', () => {
    expect(syncing(synced)).toBe(false);
  });

  it('keeps a synced replica ready when its primary goes away, so failover display is unchanged', () => {
    expect(parseReplicationInfo(primaryGone)?.linkedSinceStart).toBe(true);
    expect(syncing(primaryGone)).toBe(false);
  });

  it('never marks a primary, a node the model holds as primary, or one with no report', () => {
    expect(isSyncingReplica('replica', parseReplicationInfo(primary) ?? null)).toBe(false);
    expect(isSyncingReplica('primary', parseReplicationInfo(neverLinked) ?? null)).toBe(false);
    expect(isSyncingReplica('replica', null)).toBe(false);
  });

  it('reads nothing from text without a role', () => {
    expect(parseReplicationInfo('')).toBeUndefined();
    expect(parseReplicationInfo('# Replication\r\nrole:sentinel\r\n')).toBeUndefined();
  });
});

describe('replica lag as its primary reports it', () => {
  const parsed: NodeReplication | undefined = parseReplicationInfo(primary);

  it('lists attached replicas with their state and unacknowledged bytes', () => {
    expect(parsed?.replicas).toEqual([
      { host: '127.0.0.1', port: 30004, state: 'online', lagBytes: 100 },
      { host: '127.0.0.1', port: 30005, state: 'wait_bgsave', lagBytes: 2000 },
    ]);
  });

  it('gives an online replica its lag and none to one still waiting or not listed', () => {
    expect(replicaLagBytes({ host: '127.0.0.1', port: 30004 }, parsed)).toBe(100);
    expect(replicaLagBytes({ host: '127.0.0.1', port: 30005 }, parsed)).toBeNull();
    expect(replicaLagBytes({ host: '127.0.0.1', port: 30006 }, parsed)).toBeNull();
    expect(replicaLagBytes({ host: '127.0.0.1', port: 30004 }, null)).toBeNull();
  });
});
