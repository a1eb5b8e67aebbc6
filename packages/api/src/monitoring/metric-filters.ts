import type { z } from 'zod';
import {
  clusterName,
  metricRanges,
  namespaceName,
  nodeName,
  type MetricRange,
} from './metric-queries.js';
import { labelValues } from './prometheus-client.js';

/** At most this many choices per filter: label values are bounded, this keeps the page so. */
const maxChoices = 200;

export interface ChartFilterChoices {
  clusters: string[];
  nodes: string[];
  namespaces: string[];
}

/** Series of agents and of namespaces: where the filters' values come from. */
const agentSeries = 'cachefleet_redis_up';
const namespaceSeries =
  '{__name__=~"cachefleet_cache_requests_total|cachefleet_data_api_request_duration_seconds_count|cachefleet_write_behind_queue_depth"}';

/** Only values the chart input accepts, so every choice offered can be chosen. */
function accepted(values: string[], pattern: z.ZodString): string[] {
  return values.filter((value) => pattern.safeParse(value).success).slice(0, maxChoices);
}

/** The clusters, nodes and namespaces Prometheus saw over the range, for the chart filters. */
export async function loadChartFilters(
  prometheusUrl: string,
  range: MetricRange,
  now = Date.now(),
): Promise<ChartFilterChoices> {
  const end = Math.floor(now / 1000);
  const window = { start: end - metricRanges[range], end };
  const [clusters, nodes, namespaces] = await Promise.all([
    labelValues(prometheusUrl, 'cluster', agentSeries, window),
    labelValues(prometheusUrl, 'node', agentSeries, window),
    labelValues(prometheusUrl, 'namespace', namespaceSeries, window),
  ]);
  return {
    clusters: accepted(clusters, clusterName),
    nodes: accepted(nodes, nodeName),
    namespaces: accepted(namespaces, namespaceName),
  };
}
