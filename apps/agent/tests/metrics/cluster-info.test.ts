import { describe, expect, it } from 'vitest';
import { ownedSlots, readClusterInfo } from '../../src/metrics/cluster-info.js';

const clusterInfo = [
  'cluster_enabled:1',
  'cluster_state:fail',
  'cluster_slots_assigned:16384',
  'cluster_slots_ok:10923',
  'cluster_slots_pfail:0',
  'cluster_slots_fail:5461',
  'cluster_known_nodes:6',
  'cluster_size:3',
  'cluster_current_epoch:6',
  '',
].join('\r\n');

const a = '07c37dfeb235213a872192d90877d0cd55635b91';
const b = '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1';
const c = '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f';
const nodes = (myself: 'a' | 'replica') =>
  [
    `${a} 127.0.0.1:30004@40004 ${myself === 'a' ? 'myself,master' : 'master'} - 0 1426238317239 4 connected 0-5460 5470 [5461->-${b}]`,
    `${b} 127.0.0.1:30002@40002 master - 0 1426238316232 2 connected 5461-5469 5471-10922 [5470-<-${a}]`,
    `${c} 127.0.0.1:30003@40003 master,fail - 0 1426238318243 3 connected 10923-16383`,
    `e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30005@40005 ${myself === 'replica' ? 'myself,slave' : 'slave'} ${a} 0 1426238316232 4 connected`,
    '',
  ].join('\n');

describe('CLUSTER INFO and CLUSTER NODES', () => {
  it('counts the slot ranges this primary serves, not those it is migrating or importing', () => {
    expect(ownedSlots(nodes('a'))).toBe(5461 + 1);
  });

  it('gives a replica no slots of its own', () => {
    expect(ownedSlots(nodes('replica'))).toBe(0);
  });

  it('reads cluster state and slot counts', () => {
    expect(readClusterInfo(clusterInfo, nodes('a'))).toEqual({
      stateOk: false,
      slotsAssigned: 16_384,
      slotsOk: 10_923,
      slotsFail: 5461,
      knownNodes: 6,
      slotsOwned: 5462,
    });
  });
});
