import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHitRatioArgs, parseSizes, UsageError } from '../../src/bench/cli-args.js';
import { tracesDir } from '../../src/bench/env.js';
import { loadWorkload, sweep } from '../../src/bench/hit-ratio-sweep.js';

const gli = path.join(tracesDir(), 'lirs-gli.keys.gz');

describe('trace replay', () => {
  it('finds the shipped traces', () => {
    expect(existsSync(gli)).toBe(true);
  });

  it("reproduces the README's LRU figure for lirs-gli: 11.21% at 1,000 entries", async () => {
    const keys = await loadWorkload([gli]);
    expect(keys.length).toBe(6015);
    const [row] = sweep('lirs-gli', keys, [1000], ['lru'], () => undefined);
    expect(row?.requests).toBe(6015);
    expect(((row?.hitRatio ?? 0) * 100).toFixed(2)).toBe('11.21');
  });

  it('beats LRU on lirs-gli at every size of its sweep', async () => {
    const keys = await loadWorkload([gli]);
    const sizes = [250, 500, 750, 1000, 1250, 1500, 1750, 2000];
    const rows = sweep('lirs-gli', keys, sizes, ['lru', 'cachefleet'], () => undefined);
    for (const size of sizes) {
      const lru = rows.find((row) => row.size === size && row.policy === 'lru')?.hitRatio ?? 1;
      const ours =
        rows.find((row) => row.size === size && row.policy === 'cachefleet')?.hitRatio ?? 0;
      expect(ours).toBeGreaterThanOrEqual(lru);
    }
  });

  it('concatenates a comma list of traces into one stream', async () => {
    const keys = await loadWorkload([gli, gli]);
    expect(keys.length).toBe(2 * 6015);
  });
});

describe('hit-ratio CLI arguments', () => {
  it('accepts a trace and sizes', () => {
    const args = parseHitRatioArgs(['--trace', gli, '--sizes', '250, 1000', '--json']);
    expect(args).toMatchObject({
      trace: 'lirs-gli',
      sizes: [250, 1000],
      json: true,
      policies: ['lru', 'cachefleet'],
    });
  });

  it('names the corda-loop mix and defaults to its sweep', () => {
    const args = parseHitRatioArgs(['--mix', 'corda-loop']);
    expect(args.files.map((file) => path.basename(file))).toEqual([
      'corda-vaultservice.keys.gz',
      ...Array<string>(5).fill('lirs-loop.keys.gz'),
      'corda-vaultservice.keys.gz',
    ]);
    expect(args.sizes).toEqual([250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('refuses bad sizes, missing files and unknown flags with a usage error', () => {
    expect(() => parseSizes('100,abc')).toThrow(UsageError);
    expect(() => parseSizes('0')).toThrow(/positive integer/);
    expect(() => parseSizes('1.5')).toThrow(UsageError);
    expect(() => parseHitRatioArgs(['--trace', 'missing.keys.gz', '--sizes', '10'])).toThrow(
      /not found/,
    );
    expect(() => parseHitRatioArgs(['--trace', gli])).toThrow(/--sizes/);
    expect(() => parseHitRatioArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseHitRatioArgs(['--mix', 'nope'])).toThrow(/unknown --mix/);
  });
});
