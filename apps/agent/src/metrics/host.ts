// The host the agent runs on, read at scrape time from Node's os module and statfs.
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { Registry } from 'prom-client';
import { callbackGauge } from './callback-metrics.js';

export interface HostMetricDeps {
  /** The agent's data dir: its file system's free space is what Redis and the agent can use. */
  dataDir: string;
}

async function diskFreeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    // bavail, not bfree: blocks reserved for root are not available to the agent.
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export function register(registry: Registry, deps: HostMetricDeps): void {
  const gauges: [name: string, help: string, read: () => number | Promise<number | null>][] = [
    ['cachefleet_host_memory_total_bytes', 'Physical memory of the host.', () => os.totalmem()],
    [
      'cachefleet_host_memory_available_bytes',
      'Memory available to new processes without swapping (MemAvailable on Linux).',
      () => os.freemem(),
    ],
    ['cachefleet_host_load1', 'Load average over the last minute.', () => os.loadavg()[0] ?? 0],
    ['cachefleet_host_cpus', 'Logical CPUs of the host.', () => os.cpus().length],
    [
      'cachefleet_host_disk_free_bytes',
      "Bytes free to the agent on its data dir's file system.",
      () => diskFreeBytes(deps.dataDir),
    ],
  ];
  for (const [name, help, read] of gauges) callbackGauge(registry, name, help, read);
}
