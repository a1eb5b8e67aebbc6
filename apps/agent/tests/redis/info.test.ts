import { describe, expect, it } from 'vitest';
import { keyCount, parseInfo, readRedisInfo } from '../../src/redis/info.js';

// Trimmed from a real Redis 7.0 INFO reply (CRLF line ends, section headers, keyspace lines).
const sample = [
  '# Server',
  'redis_version:7.0.15',
  'redis_mode:standalone',
  'uptime_in_seconds:1234',
  '',
  '# Clients',
  'connected_clients:3',
  '',
  '# Memory',
  'used_memory:1048576',
  'used_memory_human:1.00M',
  'maxmemory:268435456',
  'maxmemory_policy:allkeys-lru',
  '',
  '# Stats',
  'total_commands_processed:4567',
  'instantaneous_ops_per_sec:42',
  'expired_keys:7',
  'evicted_keys:2',
  'keyspace_hits:100',
  'keyspace_misses:25',
  '',
  '# Keyspace',
  'db0:keys=12,expires=3,avg_ttl=1000',
  'db3:keys=5,expires=0,avg_ttl=0',
  '',
].join('\r\n');

describe('Redis INFO parsing', () => {
  it('reads every field the agent reports', () => {
    expect(readRedisInfo(sample)).toEqual({
      version: '7.0.15',
      usedMemoryBytes: 1048576,
      maxMemoryBytes: 268435456,
      opsPerSec: 42,
      connectedClients: 3,
      uptimeSeconds: 1234,
      keys: 17,
      commandsProcessed: 4567,
      keyspaceHits: 100,
      keyspaceMisses: 25,
      evictedKeys: 2,
      expiredKeys: 7,
    });
  });

  it('skips headers and blank lines and keeps values that contain colons', () => {
    const fields = parseInfo('# Server\r\nexecutable:/usr/bin/redis-server\r\n\r\nrun_id:abc\r\n');
    expect([...fields]).toEqual([
      ['executable', '/usr/bin/redis-server'],
      ['run_id', 'abc'],
    ]);
  });

  it('counts no keys for an empty keyspace and reports missing numbers as 0, not NaN', () => {
    const info = readRedisInfo('# Server\r\nredis_version:6.2.0\r\n# Keyspace\r\n');
    expect(info.keys).toBe(0);
    expect(info.usedMemoryBytes).toBe(0);
    expect(info.evictedKeys).toBe(0);
    expect(keyCount(parseInfo('dbx:keys=5\r\nused_memory:1'))).toBe(0);
  });
});
