import { z } from 'zod';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { loadMetricChart } from '../monitoring/metric-chart.js';
import { loadChartFilters } from '../monitoring/metric-filters.js';
import {
  clusterName,
  metricQueryNames,
  metricRanges,
  namespaceName,
  nodeName,
} from '../monitoring/metric-queries.js';
import { PrometheusUnavailable } from '../monitoring/prometheus-client.js';
import { createTRPCRouter, viewerProcedure } from '../trpc.js';

const rangeNames = Object.keys(metricRanges) as [keyof typeof metricRanges];

export const metricChartInput = z
  .object({
    name: z.enum(metricQueryNames),
    range: z.enum(rangeNames).default('1h'),
    /** Seconds between points; at most 1,000 points per series. */
    stepSeconds: z.number().int().min(5).max(3600).optional(),
    cluster: clusterName.optional(),
    node: nodeName.optional(),
    /** Applies to the cache and data API charts; Redis charts have no namespace. */
    namespace: namespaceName.optional(),
  })
  .refine((i) => i.stepSeconds === undefined || metricRanges[i.range] / i.stepSeconds <= 1000, {
    error: 'step too small for this range (at most 1,000 points)',
    path: ['stepSeconds'],
  });

export const metricFiltersInput = z.object({ range: z.enum(rangeNames).default('1h') });

/** Runs `load` against this console's Prometheus; its failures become E_PROMETHEUS_* errors. */
async function withPrometheus<T>(ctx: Context, load: (url: string) => Promise<T>): Promise<T> {
  const url = ctx.monitoring.prometheusUrl;
  if (!url) {
    throw appError(
      'PRECONDITION_FAILED',
      'E_PROMETHEUS_NOT_CONFIGURED',
      'this console has no PROMETHEUS_URL',
    );
  }
  try {
    return await load(url);
  } catch (error) {
    if (!(error instanceof PrometheusUnavailable)) throw error;
    throw appError('SERVICE_UNAVAILABLE', 'E_PROMETHEUS_UNAVAILABLE', error.reason);
  }
}

export const metricsRouter = createTRPCRouter({
  /** One chart from a named query, filtered by cluster, node and namespace. */
  chart: viewerProcedure
    .input(metricChartInput)
    .query(({ ctx, input }) => withPrometheus(ctx, (url) => loadMetricChart(url, input))),

  /** The clusters, nodes and namespaces Prometheus has series for, to filter the charts by. */
  filters: viewerProcedure
    .input(metricFiltersInput)
    .query(({ ctx, input }) => withPrometheus(ctx, (url) => loadChartFilters(url, input.range))),
});
