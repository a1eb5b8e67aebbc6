import { describe, expect, it } from 'vitest';
import { heartbeatStaleMs, nodeStatus } from './node-status.js';

const now = new Date('2026-01-01T00:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('nodeStatus', () => {
  it.each([
    [null, false, 'pending'],
    [ago(1000), true, 'healthy'],
    [ago(1000), false, 'degraded'],
    [ago(heartbeatStaleMs + 1), true, 'down'],
  ] as const)('heartbeat %s with redis up=%s is %s', (lastHeartbeatAt, redisUp, expected) => {
    expect(nodeStatus({ lastHeartbeatAt, redisUp }, now)).toBe(expected);
  });
});
