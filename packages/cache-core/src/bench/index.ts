/**
 * Benchmark suite (`npm run bench -w @cachefleet/cache-core`): replays every shipped trace over its
 * README size sweep plus the corda + loop ×5 + corda adaptivity mix, printing a JSON line per
 * (trace, size, policy), a summary table (per-trace means, average gain, worst deficit against LRU)
 * and a JSON summary line; then runs every registered micro-benchmark (`micro-benches.ts`).
 * Traces come from $CACHEFLEET_TRACES_DIR or <repo root>/../shared/traces.
 *
 *   --only hit-ratio|micro   run one half only
 *   --micro <name,...>       run only these micro-benchmarks (e.g. l1-get-hit,l1-get-hit-zipf)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadWorkload, sweep } from './hit-ratio-sweep.js';
import type { MicroBenchResult } from './micro-bench.js';
import { microBenches } from './micro-benches.js';
import { policyNames } from './policies.js';
import {
  formatSummary,
  overallSummary,
  printJson,
  summarize,
  table,
  type TraceSummary,
} from './report.js';
import { tracesDir } from './env.js';
import { shippedWorkloads } from './trace-catalog.js';

async function runHitRatios(): Promise<void> {
  const dir = tracesDir();
  const summaries: TraceSummary[] = [];
  for (const workload of shippedWorkloads) {
    const keys = await loadWorkload(workload.files.map((file) => path.resolve(dir, file)));
    const rows = sweep(workload.name, keys, workload.sizes, policyNames, printJson);
    const summary = summarize(workload.name, rows);
    if (summary !== undefined) summaries.push(summary);
  }
  const overall = overallSummary(summaries);
  printJson({ summary: 'hit-ratio', traces: summaries.length, ...overall });
  process.stdout.write(`\n${formatSummary(summaries)}\n\n`);
}

/** Runs each micro-benchmark on its own, so one that cannot run (no Redis) does not hide the rest. */
async function runMicroBenches(names: readonly string[] | undefined): Promise<boolean> {
  const results: MicroBenchResult[] = [];
  let failed = false;
  const selected = microBenches.filter(
    (bench) => names === undefined || names.includes(bench.name),
  );
  if (names !== undefined && selected.length !== names.length) {
    const known = microBenches.map((bench) => bench.name).join(', ');
    throw new Error(`--micro: unknown micro-benchmark among ${names.join(', ')} (known: ${known})`);
  }
  for (const bench of selected) {
    try {
      const result = await bench.run();
      printJson(result);
      results.push(result);
    } catch (error) {
      failed = true;
      printJson({
        bench: bench.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const rows = results.map((result) => [
    result.bench,
    Object.entries(result)
      .filter(([name]) => name !== 'bench')
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(' '),
  ]);
  process.stdout.write(`\n${table(['micro-benchmark', 'figures'], rows)}\n`);
  return !failed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, micro: { type: 'string' } },
    strict: true,
  });
  const only = values.only;
  if (only !== undefined && only !== 'hit-ratio' && only !== 'micro') {
    throw new Error(`--only must be hit-ratio or micro, got ${only}`);
  }
  const micro = values.micro?.split(',').map((name) => name.trim());
  if (only !== 'micro' && micro === undefined) await runHitRatios();
  if (only === 'hit-ratio') return;
  const ok = await runMicroBenches(micro);
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
