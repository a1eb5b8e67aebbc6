import type { HitRatioRow } from './hit-ratio-sweep.js';
import { readmeTableTraces } from './trace-catalog.js';

/** Per-workload comparison of cachefleet against LRU over a size sweep. */
export interface TraceSummary {
  trace: string;
  lruMean: number;
  cachefleetMean: number;
  gain: number;
  /** Largest (LRU − cachefleet) hit ratio at one size; negative when cachefleet wins everywhere. */
  worstDeficit: number;
  worstSize: number;
}

const pct = (ratio: number): string => (100 * ratio).toFixed(2);

/** One JSON object per line: machines read the lines, people read the tables. */
export function printJson(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function formatRows(rows: readonly HitRatioRow[]): string {
  const lines = rows.map((row) => [
    row.trace,
    String(row.size),
    row.policy,
    String(row.requests),
    String(row.hits),
    `${pct(row.hitRatio)}%`,
  ]);
  return table(['trace', 'size', 'policy', 'requests', 'hits', 'hit ratio'], lines);
}

/** Summarizes one workload's rows; undefined unless both policies ran at every size. */
export function summarize(trace: string, rows: readonly HitRatioRow[]): TraceSummary | undefined {
  const sizes = [...new Set(rows.map((row) => row.size))];
  let lruSum = 0;
  let oursSum = 0;
  let worstDeficit = -Infinity;
  let worstSize = 0;
  for (const size of sizes) {
    const lru = rows.find((row) => row.size === size && row.policy === 'lru');
    const ours = rows.find((row) => row.size === size && row.policy === 'cachefleet');
    if (lru === undefined || ours === undefined) return undefined;
    lruSum += lru.hitRatio;
    oursSum += ours.hitRatio;
    if (lru.hitRatio - ours.hitRatio > worstDeficit) {
      worstDeficit = lru.hitRatio - ours.hitRatio;
      worstSize = size;
    }
  }
  const lruMean = lruSum / sizes.length;
  const cachefleetMean = oursSum / sizes.length;
  return {
    trace,
    lruMean,
    cachefleetMean,
    gain: cachefleetMean - lruMean,
    worstDeficit,
    worstSize,
  };
}

export function formatSummary(summaries: readonly TraceSummary[]): string {
  const lines = summaries.map((s) => [
    s.trace,
    pct(s.lruMean),
    pct(s.cachefleetMean),
    pct(s.gain),
    `${pct(s.worstDeficit)} @ ${s.worstSize}`,
  ]);
  const overall = overallSummary(summaries);
  lines.push([
    'average gain / worst',
    '',
    '',
    pct(overall.averageGain),
    `${pct(overall.worstDeficit)} ${overall.worstAt}`,
  ]);
  if (overall.readmeTableRows > 0 && overall.readmeTableRows < summaries.length) {
    lines.push([
      `average gain, README rows (${overall.readmeTableRows})`,
      '',
      '',
      pct(overall.averageGainReadmeTable),
      '',
    ]);
  }
  return table(
    ['trace', 'LRU %', 'cachefleet %', 'gain (points)', 'worst deficit (points) @ size'],
    lines,
  );
}

export interface OverallSummary {
  averageGain: number;
  /** Average over the workloads that are rows of the README's reference table. */
  averageGainReadmeTable: number;
  readmeTableRows: number;
  worstDeficit: number;
  worstAt: string;
}

export function overallSummary(summaries: readonly TraceSummary[]): OverallSummary {
  let worst: TraceSummary | undefined;
  for (const s of summaries)
    if (worst === undefined || s.worstDeficit > worst.worstDeficit) worst = s;
  const readmeRows = summaries.filter((s) => readmeTableTraces.has(s.trace));
  return {
    averageGain: meanGain(summaries),
    averageGainReadmeTable: meanGain(readmeRows),
    readmeTableRows: readmeRows.length,
    worstDeficit: worst?.worstDeficit ?? 0,
    worstAt: worst === undefined ? '' : `${worst.trace} @ ${worst.worstSize}`,
  };
}

function meanGain(summaries: readonly TraceSummary[]): number {
  return summaries.reduce((sum, s) => sum + s.gain, 0) / Math.max(1, summaries.length);
}

/** Left-aligned first column, right-aligned figures. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join(
    '\n',
  );
}
