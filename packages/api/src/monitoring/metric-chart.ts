import {
  metricQueries,
  metricRanges,
  type MetricQueryName,
  type MetricRange,
} from './metric-queries.js';
import { queryRange, type RangeSeries } from './prometheus-client.js';
import { labelMatchers, type ChartFilters } from './promql-selector.js';

export interface ChartSeries {
  /** The data key of this series in every point. */
  key: string;
  label: string;
  node: string;
}

/** One chart, ready for recharts: rows keyed by `t` (ms) and by each series' key. */
export interface MetricChart {
  name: MetricQueryName;
  unit: string;
  range: MetricRange;
  stepSeconds: number;
  series: ChartSeries[];
  points: Record<string, number | null>[];
}

export interface ChartRequest extends ChartFilters {
  name: MetricQueryName;
  range: MetricRange;
  stepSeconds?: number | undefined;
}

/** Aim for about 240 points per chart, never finer than the 5 s scrape interval. */
export function defaultStep(range: MetricRange): number {
  return Math.max(5, Math.ceil(metricRanges[range] / 240));
}

function toValue(raw: string): number | null {
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

function pivot(results: { suffix: string; series: RangeSeries[] }[]) {
  const series: ChartSeries[] = [];
  const rows = new Map<number, Record<string, number | null>>();
  for (const { suffix, series: found } of results) {
    for (const one of found) {
      const key = `s${series.length}`;
      // The query's `by` labels name the series: a node, a tier, a namespace or a cluster.
      const name = Object.values(one.metric).filter(Boolean).join(' ');
      const label = [name, suffix].filter(Boolean).join(' ') || 'all';
      series.push({ key, node: one.metric.node ?? 'all', label });
      for (const [time, raw] of one.values) {
        const t = Math.round(time * 1000);
        const row = rows.get(t) ?? { t };
        row[key] = toValue(raw);
        rows.set(t, row);
      }
    }
  }
  const points = [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  return { series, points };
}

/** Runs a named query's expressions over the range and shapes the answer for one chart. */
export async function loadMetricChart(
  prometheusUrl: string,
  request: ChartRequest,
  now = Date.now(),
): Promise<MetricChart> {
  const definition = metricQueries[request.name];
  const stepSeconds = request.stepSeconds ?? defaultStep(request.range);
  const end = Math.floor(now / 1000);
  const window = { start: end - metricRanges[request.range], end, stepSeconds };
  const context = {
    selector: labelMatchers(request, definition.perNamespace),
    window: `${Math.max(30, stepSeconds * 2)}s`,
  };
  const results = await Promise.all(
    definition.series.map(async (s) => ({
      suffix: s.suffix,
      series: await queryRange(prometheusUrl, s.expr(context), window),
    })),
  );
  return {
    name: request.name,
    unit: definition.unit,
    range: request.range,
    stepSeconds,
    ...pivot(results),
  };
}
