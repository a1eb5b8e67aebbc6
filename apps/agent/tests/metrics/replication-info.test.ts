import { describe, expect, it } from 'vitest';
import { readReplicationInfo } from '../../src/metrics/replication-info.js';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

const primary = crlf([
  '# Replication',
  'role:master',
  'connected_slaves:2',
  'slave0:ip=127.0.0.1,port=7004,state=online,offset=9800,lag=0',
  'slave1:ip=127.0.0.1,port=7005,state=online,offset=10000,lag=1',
  'master_failover_state:no-failover',
  'master_replid:2f0c3b1e9c0b4c1d8e7f6a5b4c3d2e1f0a9b8c7d',
  'master_repl_offset:10000',
  'repl_backlog_active:1',
]);

const replica = (link: 'up' | 'down', lastIo: number) =>
  crlf([
    '# Replication',
    'role:slave',
    'master_host:127.0.0.1',
    'master_port:7001',
    `master_link_status:${link}`,
    `master_last_io_seconds_ago:${lastIo}`,
    'master_sync_in_progress:0',
    'slave_read_repl_offset:5200',
    'slave_repl_offset:5000',
    'connected_slaves:0',
    'master_repl_offset:5200',
  ]);

describe('INFO replication', () => {
  it('reads a primary: replicas, offset and the slowest replica’s lag', () => {
    expect(readReplicationInfo(primary)).toEqual({
      rolePrimary: true,
      connectedReplicas: 2,
      offsetBytes: 10_000,
      lagBytes: 200,
      masterLinkUp: null,
      masterLastIoSeconds: null,
    });
  });

  it('gives a primary without replicas no lag', () => {
    const alone = crlf(['role:master', 'connected_slaves:0', 'master_repl_offset:0']);
    expect(readReplicationInfo(alone)).toMatchObject({ connectedReplicas: 0, lagBytes: 0 });
  });

  it('reads a linked replica: role, link, last I/O and what it has not applied', () => {
    expect(readReplicationInfo(replica('up', 1))).toEqual({
      rolePrimary: false,
      connectedReplicas: 0,
      offsetBytes: 5200,
      lagBytes: 200,
      masterLinkUp: true,
      masterLastIoSeconds: 1,
    });
  });

  it('reports a replica whose link is down without a made-up last I/O age', () => {
    const down = readReplicationInfo(replica('down', -1));
    expect(down.masterLinkUp).toBe(false);
    expect(down.masterLastIoSeconds).toBeNull();
  });
});
