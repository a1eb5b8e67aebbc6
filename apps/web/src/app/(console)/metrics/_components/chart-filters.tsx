'use client';

import type { RouterInputs } from '@cachefleet/api';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';

type Range = NonNullable<RouterInputs['metrics']['filters']['range']>;

export interface Filters {
  cluster?: string | undefined;
  node?: string | undefined;
  namespace?: string | undefined;
}

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  choices: string[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label className="inline-field">
      {props.label}{' '}
      <select
        value={props.value ?? ''}
        onChange={(e) => {
          props.onChange(e.target.value === '' ? undefined : e.target.value);
        }}
      >
        <option value="">All</option>
        {props.choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Cluster, node and namespace pickers, offering what Prometheus has series for. */
export function ChartFilters(props: {
  range: Range;
  value: Filters;
  onChange: (value: Filters) => void;
}) {
  const trpc = useTRPC();
  const choices = useQuery(
    trpc.metrics.filters.queryOptions({ range: props.range }, { retry: false }),
  ).data ?? { clusters: [], nodes: [], namespaces: [] };
  // A chosen value stays offered even when it has no series in the new range.
  const withChosen = (list: string[], chosen: string | undefined) =>
    chosen && !list.includes(chosen) ? [chosen, ...list] : list;
  const set = (key: keyof Filters) => (value: string | undefined) => {
    props.onChange({ ...props.value, [key]: value });
  };
  return (
    <>
      <FilterSelect
        label="Cluster"
        value={props.value.cluster}
        choices={withChosen(choices.clusters, props.value.cluster)}
        onChange={set('cluster')}
      />
      <FilterSelect
        label="Node"
        value={props.value.node}
        choices={withChosen(choices.nodes, props.value.node)}
        onChange={set('node')}
      />
      <FilterSelect
        label="Namespace"
        value={props.value.namespace}
        choices={withChosen(choices.namespaces, props.value.namespace)}
        onChange={set('namespace')}
      />
    </>
  );
}
