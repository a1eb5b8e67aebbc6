import { describe, expect, it } from 'vitest';
import { parseClusterInfo } from './parse-cluster-info.js';
import { parseClusterNodes } from './parse-cluster-nodes.js';

// As redis-server 7 prints them: primaries with ranges, replicas, a failed primary, a pfail
// replica, a node in handshake, a noaddr node, and an open slot on each side of a migration.
const nodesText = [
  '07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,host-4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected',
  '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922 [10923->-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f]',
  '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@31003 master - 0 1426238318243 3 connected 10923-16383 [10923-<-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1]',
  '6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@31005 slave,fail? 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 connected',
  '824fe116063bc5fcf9f4ffd895bc17aee7731ac3 127.0.0.1:30006@31006 slave 292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 0 1426238317741 6 connected',
  'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460',
  'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678 127.0.0.1:30007@31007 master,fail - 1426238316000 1426238315000 7 disconnected 16000 16001-16002',
  'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678 127.0.0.1:30008@31008 handshake - 1426238316000 0 0 disconnected',
  'c1b2c3d4e5f60718293a4b5c6d7e8f9012345678 :0@0 master,fail,noaddr - 1426238316000 1426238315000 8 disconnected',
  '',
].join('\n');

describe('parseClusterNodes', () => {
  const nodes = parseClusterNodes(nodesText);
  const byPort = (port: number) => nodes.find((n) => n.port === port);

  it('reads every addressable node and leaves out noaddr entries without an address', () => {
    expect(nodes.map((n) => n.port).sort()).toEqual([
      30001, 30002, 30003, 30004, 30005, 30006, 30007, 30008,
    ]);
  });

  it('reads primaries with their ranges and marks myself', () => {
    expect(byPort(30001)).toMatchObject({
      redisId: 'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca',
      host: '127.0.0.1',
      myself: true,
      role: 'primary',
      primaryId: null,
      health: 'ok',
      slots: [{ start: 0, end: 5460 }],
    });
    expect(byPort(30007)?.slots).toEqual([
      { start: 16000, end: 16000 },
      { start: 16001, end: 16002 },
    ]);
  });

  it('reads replicas with their primary, and a hostname after the bus port', () => {
    expect(byPort(30004)).toMatchObject({
      role: 'replica',
      primaryId: 'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca',
      myself: false,
      slots: [],
    });
  });

  it('maps fail, fail?, handshake to health', () => {
    expect(byPort(30007)?.health).toBe('fail');
    expect(byPort(30005)?.health).toBe('pfail');
    expect(byPort(30008)?.health).toBe('disconnected');
  });

  it('reads migrating and importing slot markers as open slots, not as owned slots', () => {
    expect(byPort(30002)?.openSlots).toEqual([
      { slot: 10923, state: 'migrating', peerRedisId: '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f' },
    ]);
    expect(byPort(30003)?.openSlots).toEqual([
      { slot: 10923, state: 'importing', peerRedisId: '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1' },
    ]);
    expect(byPort(30002)?.slots).toEqual([{ start: 5461, end: 10922 }]);
  });

  it('returns nothing for empty text', () => {
    expect(parseClusterNodes('')).toEqual([]);
  });
});

describe('parseClusterInfo', () => {
  it('reads state, slot counts, known nodes and epoch from CRLF lines', () => {
    const text = [
      'cluster_state:fail',
      'cluster_slots_assigned:16384',
      'cluster_slots_ok:10923',
      'cluster_slots_pfail:0',
      'cluster_slots_fail:5461',
      'cluster_known_nodes:6',
      'cluster_size:3',
      'cluster_current_epoch:7',
      'cluster_my_epoch:2',
      'cluster_stats_messages_sent:1483972',
      '',
    ].join('\r\n');
    expect(parseClusterInfo(text)).toEqual({
      state: 'fail',
      slotsAssigned: 16384,
      slotsOk: 10923,
      slotsPfail: 0,
      slotsFail: 5461,
      knownNodes: 6,
      size: 3,
      currentEpoch: 7,
    });
    expect(parseClusterInfo('cluster_state:ok\r\n').state).toBe('ok');
  });
});
