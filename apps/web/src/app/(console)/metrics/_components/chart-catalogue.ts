import type { RouterInputs } from '@cachefleet/api';

type Name = RouterInputs['metrics']['chart']['name'];

export interface ChartEntry {
  name: Name;
  title: string;
  /** What an empty answer means for this chart. */
  empty: string;
  /** The chart follows the namespace filter (cache-core and data API metrics). */
  perNamespace?: boolean;
}

const noScrape = 'No data in this range yet: no agent has been scraped.';
const noTraffic = 'No cache traffic in this range for these filters.';

/** The console's charts, in page order: Redis per node, then cache, data API and fleet state. */
export const chartCatalogue: ChartEntry[] = [
  { name: 'opsPerSecond', title: 'Operations per second', empty: noScrape },
  { name: 'memory', title: 'Memory used vs max', empty: noScrape },
  { name: 'hitRatio', title: 'Hit ratio (Redis keyspace)', empty: noScrape },
  { name: 'evictions', title: 'Evictions per second', empty: noScrape },
  { name: 'connectedClients', title: 'Connected clients', empty: noScrape },
  { name: 'cacheHitRatio', title: 'Hit ratio per tier', empty: noTraffic, perNamespace: true },
  {
    name: 'dataApiLatency',
    title: 'Data API latency p50 / p99',
    empty: 'No data API requests in this range for these filters.',
    perNamespace: true,
  },
  {
    name: 'writeBehindDepth',
    title: 'Write-behind queue depth',
    empty: 'No write-behind namespace reported a queue in this range.',
    perNamespace: true,
  },
  {
    name: 'deadLetters',
    title: 'Write-behind dead letters',
    empty: 'No write-behind namespace reported dead letters in this range.',
    perNamespace: true,
  },
  {
    name: 'replicationLag',
    title: 'Replication lag',
    empty: 'No node reported replication in this range.',
  },
  {
    name: 'clusterSlotsOk',
    title: 'Cluster slots ok (of 16384)',
    empty: 'No cluster-enabled node was scraped in this range.',
  },
];
