import { z } from 'zod';
import { appError } from '../errors.js';
import { loadMetricChart } from '../monitoring/metric-chart.js';
import { metricQueryNames, metricRanges, nodeName } from '../monitoring/metric-queries.js';
import { PrometheusUnavailable } from '../monitoring/prometheus-client.js';
import { createTRPCRouter, viewerProcedure } from '../trpc.js';

const rangeNames = Object.keys(metricRanges) as [keyof typeof metricRanges];

export const metricChartInput = z
  .object({
    name: z.enum(metricQueryNames),
    range: z.enum(rangeNames).default('1h'),
    /** Seconds between points; at most 1,000 points per series. */
    stepSeconds: z.number().int().min(5).max(3600).optional(),
    node: nodeName.optional(),
  })
  .refine((i) => i.stepSeconds === undefined || metricRanges[i.range] / i.stepSeconds <= 1000, {
    error: 'step too small for this range (at most 1,000 points)',
    path: ['stepSeconds'],
  });

export const metricsRouter = createTRPCRouter({
  /** One chart from a named query; Prometheus errors become E_PROMETHEUS_UNAVAILABLE. */
  chart: viewerProcedure.input(metricChartInput).query(async ({ ctx, input }) => {
    const url = ctx.monitoring.prometheusUrl;
    if (!url) {
      throw appError(
        'PRECONDITION_FAILED',
        'E_PROMETHEUS_NOT_CONFIGURED',
        'this console has no PROMETHEUS_URL',
      );
    }
    try {
      return await loadMetricChart(url, input);
    } catch (error) {
      if (!(error instanceof PrometheusUnavailable)) throw error;
      throw appError('SERVICE_UNAVAILABLE', 'E_PROMETHEUS_UNAVAILABLE', error.reason);
    }
  }),
});
