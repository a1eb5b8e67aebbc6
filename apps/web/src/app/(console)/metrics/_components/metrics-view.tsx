'use client';

import type { RouterInputs } from '@cachefleet/api';
import { useState } from 'react';
import { PageHeader } from '~/components/page-header';
import { MetricPanel } from './metric-panel';

type Range = NonNullable<RouterInputs['metrics']['chart']['range']>;
type Name = RouterInputs['metrics']['chart']['name'];

const ranges: { value: Range; label: string }[] = [
  { value: '15m', label: '15 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '6h', label: '6 hours' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
];

const charts: { name: Name; title: string }[] = [
  { name: 'opsPerSecond', title: 'Operations per second' },
  { name: 'memory', title: 'Memory used vs max' },
  { name: 'hitRatio', title: 'Hit ratio (keyspace)' },
  { name: 'evictions', title: 'Evictions per second' },
  { name: 'connectedClients', title: 'Connected clients' },
];

/** Charts from Prometheus per node, over a chosen range, refreshed every 10 s unless paused. */
export function MetricsView() {
  const [range, setRange] = useState<Range>('1h');
  const [auto, setAuto] = useState(true);
  const toolbar = (
    <>
      <label className="inline-field">
        Range{' '}
        <select
          value={range}
          onChange={(e) => {
            setRange(ranges.find((r) => r.value === e.target.value)?.value ?? '1h');
          }}
        >
          {ranges.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={auto}
          onChange={(e) => {
            setAuto(e.target.checked);
          }}
        />{' '}
        Auto refresh (10 s)
      </label>
    </>
  );
  return (
    <>
      <PageHeader
        title="Metrics"
        description="Redis on every node, as Prometheus scraped it."
        actions={toolbar}
      />
      <div className="chart-grid">
        {charts.map((chart) => (
          <MetricPanel
            key={chart.name}
            title={chart.title}
            input={{ name: chart.name, range }}
            refreshMs={auto ? 10_000 : false}
          />
        ))}
      </div>
    </>
  );
}
