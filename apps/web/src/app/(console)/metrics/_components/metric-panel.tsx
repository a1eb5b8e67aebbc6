'use client';

import type { RouterInputs } from '@cachefleet/api';
import { useQuery } from '@tanstack/react-query';
import { ChartContainer, ChartState, TimeSeriesChart } from '~/components/chart';
import { isApiError, errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

type ChartInput = RouterInputs['metrics']['chart'];

function prometheusProblem(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const code = error.data?.appCode;
  if (code === 'E_PROMETHEUS_NOT_CONFIGURED')
    return 'Prometheus is not configured for this console (PROMETHEUS_URL).';
  if (code === 'E_PROMETHEUS_UNAVAILABLE')
    return `Prometheus is down or unreachable: ${error.message}`;
  return undefined;
}

/**
 * One chart: fetches its named query and shows data, an empty state or why there is none. When a
 * refresh fails, the last answer stays drawn under a line saying it is stale and why.
 */
export function MetricPanel(props: {
  title: string;
  input: ChartInput;
  /** What an empty answer means for this chart. */
  empty: string;
  refreshMs: number | false;
}) {
  const trpc = useTRPC();
  const chart = useQuery(
    trpc.metrics.chart.queryOptions(props.input, {
      refetchInterval: props.refreshMs,
      retry: false,
      placeholderData: (previous) => previous,
    }),
  );
  const unit = chart.data?.unit ?? '';
  const testId = `chart-${props.input.name}`;
  if (chart.isError && !chart.data) {
    const problem = prometheusProblem(chart.error);
    return (
      <ChartContainer title={props.title} unit={unit} testId={testId}>
        <ChartState>
          <span role="alert">{problem ?? errorMessage(chart.error)}</span>
        </ChartState>
      </ChartContainer>
    );
  }
  if (!chart.data) {
    return (
      <ChartContainer title={props.title} unit={unit} testId={testId}>
        <ChartState>Loading…</ChartState>
      </ChartContainer>
    );
  }
  const empty = chart.data.series.length === 0;
  const stale = chart.isError
    ? (prometheusProblem(chart.error) ?? errorMessage(chart.error))
    : null;
  return (
    <ChartContainer title={props.title} unit={unit} testId={testId}>
      {stale ? (
        <p className="chart-unit" role="alert">
          Not refreshed, showing the last answer: {stale}
        </p>
      ) : null}
      {empty ? <ChartState>{props.empty}</ChartState> : <TimeSeriesChart chart={chart.data} />}
    </ChartContainer>
  );
}
