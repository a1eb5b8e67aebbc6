import { l2HitBench, writeThroughBench } from './engine-benches.js';
import {
  l1GetBench,
  l1GetMaxAgeBench,
  l1GetZipfBench,
  l1GetZipfMaxAgeBench,
} from './l1-get-bench.js';
import type { MicroBench } from './micro-bench.js';

/** Every micro-benchmark the suite runs, in order. Other tiers add theirs here. */
export const microBenches: MicroBench[] = [
  l1GetBench,
  l1GetZipfBench,
  l1GetMaxAgeBench,
  l1GetZipfMaxAgeBench,
  l2HitBench,
  writeThroughBench,
];
