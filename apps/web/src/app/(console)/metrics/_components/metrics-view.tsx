'use client';

import type { RouterInputs } from '@cachefleet/api';
import { useState } from 'react';
import { PageHeader } from '~/components/page-header';
import { chartCatalogue } from './chart-catalogue';
import { ChartFilters, type Filters } from './chart-filters';
import { MetricPanel } from './metric-panel';

type Range = NonNullable<RouterInputs['metrics']['chart']['range']>;

const ranges: { value: Range; label: string }[] = [
  { value: '15m', label: '15 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '6h', label: '6 hours' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
];

function RangePicker(props: { value: Range; onChange: (range: Range) => void }) {
  return (
    <label className="inline-field">
      Range{' '}
      <select
        value={props.value}
        onChange={(e) => {
          props.onChange(ranges.find((r) => r.value === e.target.value)?.value ?? '1h');
        }}
      >
        {ranges.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Charts from Prometheus per cluster, node and namespace, over a chosen range, auto-refreshed. */
export function MetricsView() {
  const [range, setRange] = useState<Range>('1h');
  const [filters, setFilters] = useState<Filters>({});
  const [auto, setAuto] = useState(true);
  const toolbar = (
    <>
      <RangePicker value={range} onChange={setRange} />
      <ChartFilters range={range} value={filters} onChange={setFilters} />
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
        description="Redis, cache tiers, the data API and the fleet, as Prometheus scraped them."
        actions={toolbar}
      />
      <div className="chart-grid">
        {chartCatalogue.map((chart) => (
          <MetricPanel
            key={chart.name}
            title={
              filters.namespace && !chart.perNamespace
                ? `${chart.title} (Redis: all namespaces)`
                : chart.title
            }
            empty={chart.empty}
            input={{
              name: chart.name,
              range,
              cluster: filters.cluster,
              node: filters.node,
              ...(chart.perNamespace ? { namespace: filters.namespace } : {}),
            }}
            refreshMs={auto ? 10_000 : false}
          />
        ))}
      </div>
    </>
  );
}
