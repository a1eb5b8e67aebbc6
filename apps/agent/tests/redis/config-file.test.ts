import { describe, expect, it } from 'vitest';
import {
  bindAddresses,
  quoteArg,
  redisConfigHash,
  renderRedisConfig,
} from '../../src/redis/config-file.js';

const options = {
  port: 7001,
  bind: ['127.0.0.1', '10.0.0.5'],
  password: 'a'.repeat(64),
  maxmemory: '256mb',
  maxmemoryPolicy: 'allkeys-lru' as const,
  dataDir: '/var/lib/cache fleet',
};

describe('redis.conf generation', () => {
  it('renders port, binds, auth, memory limits, data dir and a cache-only persistence setup', () => {
    const lines = renderRedisConfig(options).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'port 7001',
        'bind 127.0.0.1 10.0.0.5',
        `requirepass ${'a'.repeat(64)}`,
        'maxmemory 256mb',
        'maxmemory-policy allkeys-lru',
        'dir "/var/lib/cache fleet"',
        'logfile "/var/lib/cache fleet/redis.log"',
        'save ""',
        'appendonly no',
        'repl-diskless-sync-delay 0',
        'cluster-enabled no',
      ]),
    );
  });

  it('adds the cluster directives when cluster mode is enabled', () => {
    const text = renderRedisConfig({ ...options, cluster: { enabled: true, nodeTimeoutMs: 5000 } });
    expect(text).toContain('cluster-enabled yes');
    expect(text).toContain('cluster-config-file "/var/lib/cache fleet/nodes.conf"');
    expect(text).toContain('cluster-node-timeout 5000');
  });

  it('hashes the rendered file: the same options give the same hash, any change another', () => {
    const hash = redisConfigHash(options);
    expect(redisConfigHash({ ...options })).toBe(hash);
    expect(redisConfigHash({ ...options, maxmemory: '512mb' })).not.toBe(hash);
    expect(redisConfigHash({ ...options, password: 'b'.repeat(64) })).not.toBe(hash);
    expect(hash).not.toContain(options.password);
  });

  it('quotes values Redis would otherwise split or misread', () => {
    expect(quoteArg('plain-value_1.2')).toBe('plain-value_1.2');
    expect(quoteArg('')).toBe('""');
    expect(quoteArg('has "quotes" \\ and\nnewline')).toBe('"has \\"quotes\\" \\\\ and\\nnewline"');
  });

  it('always binds loopback, plus the advertised address when it differs', () => {
    expect(bindAddresses('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(bindAddresses('192.168.1.20')).toEqual(['127.0.0.1', '192.168.1.20']);
  });
});
