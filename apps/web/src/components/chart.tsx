'use client';

import type { RouterOutputs } from '@cachefleet/api';
import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes } from '~/lib/format';
import '~/styles/charts.css';

export type MetricChart = RouterOutputs['metrics']['chart'];

const palette = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

/** The one frame every chart sits in: title, unit line, and a body or a state message. */
export function ChartContainer(props: {
  title: string;
  unit: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="chart-card" data-testid={props.testId} aria-label={props.title}>
      <h2>{props.title}</h2>
      <p className="chart-unit">{props.unit}</p>
      {props.children}
    </section>
  );
}

/** A message in the chart's place: loading, no data, Prometheus down. */
export function ChartState({ children }: { children: ReactNode }) {
  return <div className="chart-state">{children}</div>;
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'bytes') return formatBytes(value);
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function formatTime(ms: number, rangeSeconds: number): string {
  const date = new Date(ms);
  if (rangeSeconds > 86_400)
    return date.toLocaleDateString('en-GB', { month: 'short', day: '2-digit' });
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** The largest value drawn, exposed so a test (or a reader of the DOM) sees real numbers. */
function peakOf(chart: MetricChart): number {
  let peak = 0;
  for (const point of chart.points) {
    for (const series of chart.series) {
      const value = point[series.key];
      if (typeof value === 'number' && value > peak) peak = value;
    }
  }
  return peak;
}

/** Lines over time, one per series of a `metrics.chart` answer; it shapes no data itself. */
export function TimeSeriesChart({ chart }: { chart: MetricChart }) {
  const span = (chart.points.at(-1)?.t ?? 0) - (chart.points[0]?.t ?? 0);
  return (
    <div className="chart-body" data-points={chart.points.length} data-peak={peakOf(chart)}>
      <LineChart data={chart.points} responsive style={{ width: '100%', height: '100%' }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(t: number) => formatTime(t, span / 1000)}
          fontSize={11}
        />
        <YAxis tickFormatter={(v: number) => formatValue(v, chart.unit)} fontSize={11} width={72} />
        <Tooltip
          labelFormatter={(t) => new Date(Number(t)).toLocaleString('en-GB')}
          formatter={(v) => (typeof v === 'number' ? formatValue(v, chart.unit) : String(v))}
        />
        <Legend />
        {chart.series.map((series, index) => (
          <Line
            key={series.key}
            dataKey={series.key}
            name={series.label}
            stroke={`var(${palette[index % palette.length] ?? '--chart-1'})`}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
