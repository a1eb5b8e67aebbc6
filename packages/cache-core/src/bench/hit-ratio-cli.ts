/**
 * Hit-ratio CLI: replays cache traces (gzip, one key per line) against LRU and cachefleet's L1.
 *
 *   npm run bench:hit-ratio -- --trace <file.keys.gz> --sizes <n,n,...> [--json]
 *   npm run bench:hit-ratio -- --trace <a.keys.gz>,<b.keys.gz>,... --sizes <n,...>
 *   npm run bench:hit-ratio -- --mix corda-loop [--sizes <n,...>] [--json]
 *
 *   --trace     a trace file, or a comma list of files replayed back to back as one stream
 *               (e.g. corda,loop,loop,loop,loop,loop,corda for the adaptivity test)
 *   --mix       a named mix of the shipped traces: corda-loop = corda + loop ×5 + corda; files come
 *               from $CACHEFLEET_TRACES_DIR or <repo root>/../shared/traces; sizes default to its sweep
 *   --sizes     cache capacities in entries, comma-separated positive integers
 *   --policies  comma list of lru, cachefleet (default: both)
 *   --json      one {"trace","size","policy","requests","hits","hitRatio"} object per line
 *
 * Each line of a trace is one get(key); a miss inserts the key with weight 1; every request counts.
 * Exit codes: 0 done, 2 usage error (unknown flag, missing file, bad --sizes), 1 anything else.
 */
import { parseHitRatioArgs, UsageError } from './cli-args.js';
import { loadWorkload, sweep } from './hit-ratio-sweep.js';
import { formatRows, formatSummary, printJson, summarize } from './report.js';

const USAGE =
  'usage: hit-ratio-cli (--trace <file[,file...]> --sizes <n,...> | --mix corda-loop) [--json]';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseHitRatioArgs(argv);
  const keys = await loadWorkload(args.files);
  const rows = sweep(args.trace, keys, args.sizes, args.policies, (row) => {
    if (args.json) printJson(row);
  });
  if (!args.json) {
    process.stdout.write(`${formatRows(rows)}\n`);
    const summary = summarize(args.trace, rows);
    if (summary !== undefined) process.stdout.write(`\n${formatSummary([summary])}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`hit-ratio-cli: ${error.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `hit-ratio-cli: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
