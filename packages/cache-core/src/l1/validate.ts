import type { L1Options, SetOptions } from './types.js';

const MAX_WEIGHT = 2 ** 31 - 1;

/** Refuses bounds that would make the cache unbounded or meaningless, before anything is built. */
export function validateBounds<V>(options: L1Options<V>): {
  maxEntries: number;
  maxWeight: number;
  clockResolutionMs: number;
} {
  const maxEntries = options.maxEntries ?? Infinity;
  const maxWeight = options.maxWeight ?? Infinity;
  if (!(maxEntries === Infinity || (Number.isInteger(maxEntries) && maxEntries > 0))) {
    throw new RangeError(`maxEntries must be a positive integer, got ${String(maxEntries)}`);
  }
  if (!(maxWeight > 0)) {
    throw new RangeError(`maxWeight must be a positive number, got ${String(maxWeight)}`);
  }
  if (maxEntries === Infinity && maxWeight === Infinity) {
    throw new RangeError('L1Cache needs a finite maxEntries or maxWeight');
  }
  const maxAge = options.defaultMaxAgeMs;
  if (maxAge !== undefined && !(maxAge > 0)) {
    throw new RangeError(`defaultMaxAgeMs must be a positive number, got ${String(maxAge)}`);
  }
  const clockResolutionMs = options.clockResolutionMs ?? (options.clock === undefined ? 1 : 0);
  if (!(clockResolutionMs >= 0 && clockResolutionMs < Infinity)) {
    throw new RangeError(
      `clockResolutionMs must be a finite number >= 0, got ${String(options.clockResolutionMs)}`,
    );
  }
  return { maxEntries, maxWeight, clockResolutionMs };
}

export function validateSetOptions(
  options: SetOptions | undefined,
  defaultMaxAgeMs: number,
): { weight: number; maxAgeMs: number } {
  const weight = options?.weight ?? 1;
  const maxAgeMs = options?.maxAgeMs ?? defaultMaxAgeMs;
  // Weights are stored as int32 next to the entry's links (see SlotStore): whole units, e.g. bytes.
  if (!(Number.isInteger(weight) && weight >= 0 && weight <= MAX_WEIGHT)) {
    throw new RangeError(
      `weight must be an integer from 0 to ${MAX_WEIGHT}, got ${String(weight)}`,
    );
  }
  if (!(maxAgeMs > 0)) {
    throw new RangeError(`maxAgeMs must be a positive number, got ${String(maxAgeMs)}`);
  }
  return { weight, maxAgeMs };
}
