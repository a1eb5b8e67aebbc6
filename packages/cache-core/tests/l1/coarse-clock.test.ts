import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoarseClock } from '../../src/l1/coarse-clock.js';

describe('CoarseClock', () => {
  let source = 0;
  let reads = 0;
  const read = (): number => {
    reads++;
    return source;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    source = 1_000;
    reads = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the source every time at resolution 0', () => {
    const clock = new CoarseClock(read, 0);
    expect(clock.now()).toBe(1_000);
    source = 1_001;
    expect(clock.now()).toBe(1_001);
    expect(reads).toBe(2);
  });

  it('reuses a reading until the resolution has passed on the event loop', () => {
    const clock = new CoarseClock(read, 5);
    expect(clock.now()).toBe(1_000);
    source = 1_004;
    expect(clock.now()).toBe(1_000);
    vi.advanceTimersByTime(4);
    expect(clock.now()).toBe(1_000);
    vi.advanceTimersByTime(1);
    expect(clock.now()).toBe(1_004);
    expect(reads).toBe(2);
  });

  it('reads again after maxReuses reuses even when no timer can run', () => {
    const clock = new CoarseClock(read, 5, 3);
    clock.now();
    source = 2_000;
    expect([clock.now(), clock.now(), clock.now()]).toEqual([1_000, 1_000, 1_000]);
    expect(clock.now()).toBe(2_000);
    expect(reads).toBe(2);
    // One timer at a time, however often the reuse budget runs out.
    expect(vi.getTimerCount()).toBe(1);
  });
});
