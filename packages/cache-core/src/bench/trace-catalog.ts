/** One benchmark workload: the trace files replayed back to back, and the cache sizes to sweep. */
export interface Workload {
  name: string;
  files: readonly string[];
  sizes: readonly number[];
}

const steps = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const LIRS_SWEEP = [100, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000];
const CORDA = 'corda-vaultservice.keys.gz';
const LOOP = 'lirs-loop.keys.gz';

/** The size sweeps of the traces README, so results line up with its published tables. */
export const shippedWorkloads: readonly Workload[] = [
  {
    name: 'arc-OLTP',
    files: ['arc-OLTP.keys.gz'],
    sizes: [...steps(250, 2000, 250), 5000, 10000, 15000],
  },
  { name: 'lirs-gli', files: ['lirs-gli.keys.gz'], sizes: steps(250, 2000, 250) },
  { name: 'lirs-loop', files: [LOOP], sizes: [100, ...steps(250, 2000, 250)] },
  ...['multi1', 'multi2', 'cpp', 'cs', '2_pools', 'zigzag', 'scan'].map((name) => ({
    name: `lirs-${name}`,
    files: [`lirs-${name}.keys.gz`],
    sizes: LIRS_SWEEP,
  })),
  ...['web07', 'web12'].map((name) => ({
    name: `cache2k-${name}`,
    files: [`cache2k-${name}.keys.gz`],
    sizes: [250, 500, 1000, 2000, 4000, 8000],
  })),
  { name: 'corda-vaultservice', files: [CORDA], sizes: [...steps(250, 2000, 250), 5000, 10000] },
  cordaLoop(),
];

/** Caffeine's adaptivity test: recency (corda), then frequency (loop ×5), then recency again. */
function cordaLoop(): Workload {
  return {
    name: 'corda-loop',
    files: [CORDA, LOOP, LOOP, LOOP, LOOP, LOOP, CORDA],
    sizes: steps(250, 2000, 250),
  };
}

/** Rows of the README's reference table: every shipped workload except lirs-loop. */
export const readmeTableTraces: ReadonlySet<string> = new Set(
  shippedWorkloads.map((workload) => workload.name).filter((name) => name !== 'lirs-loop'),
);

/** Named mixes accepted by `--mix`. */
export const mixes: Readonly<Record<string, Workload | undefined>> = { 'corda-loop': cordaLoop() };
