import type { ClusterInfoSummary } from '@cachefleet/db';

/** The `key:value` lines of an INFO-style reply (`# Section` headers and blank lines skipped). */
export function infoFields(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) values.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return values;
}

/** Parses the `key:value` lines of `CLUSTER INFO`; missing numbers read as 0. */
export function parseClusterInfo(text: string): ClusterInfoSummary {
  const values = infoFields(text);
  const num = (key: string) => {
    const value = Number(values.get(key));
    return Number.isFinite(value) ? value : 0;
  };
  return {
    state: values.get('cluster_state') === 'ok' ? 'ok' : 'fail',
    slotsAssigned: num('cluster_slots_assigned'),
    slotsOk: num('cluster_slots_ok'),
    slotsPfail: num('cluster_slots_pfail'),
    slotsFail: num('cluster_slots_fail'),
    knownNodes: num('cluster_known_nodes'),
    size: num('cluster_size'),
    currentEpoch: num('cluster_current_epoch'),
  };
}
