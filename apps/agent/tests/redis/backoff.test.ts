import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/redis/backoff.js';

describe('restart backoff', () => {
  it('starts at 0.5 s and doubles up to 30 s while the server keeps crashing quickly', () => {
    const backoff = new Backoff();
    const delays = Array.from({ length: 9 }, () => backoff.nextDelay(1_000));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over after the server stayed up for a stable minute', () => {
    const backoff = new Backoff();
    backoff.nextDelay(100);
    backoff.nextDelay(100);
    expect(backoff.nextDelay(100)).toBe(2_000);
    expect(backoff.nextDelay(60_000)).toBe(500);
    expect(backoff.nextDelay(59_999)).toBe(1_000);
  });

  it('honours custom options and reset()', () => {
    const backoff = new Backoff({ initialMs: 10, maxMs: 25, factor: 3, stableAfterMs: 1_000 });
    expect([backoff.nextDelay(0), backoff.nextDelay(0), backoff.nextDelay(0)]).toEqual([
      10, 25, 25,
    ]);
    backoff.reset();
    expect(backoff.nextDelay(0)).toBe(10);
  });
});
