// Parses the text Redis returns for INFO: `# Section` headers and `field:value` lines (CRLF).

export interface RedisInfo {
  version: string;
  usedMemoryBytes: number;
  maxMemoryBytes: number;
  opsPerSec: number;
  connectedClients: number;
  uptimeSeconds: number;
  /** Keys summed over every database in the keyspace section. */
  keys: number;
  commandsProcessed: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  evictedKeys: number;
  expiredKeys: number;
}

export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** A field Redis did not report (older versions, trimmed sections) counts as 0, never NaN. */
function numberField(fields: Map<string, string>, name: string): number {
  const value = Number(fields.get(name));
  return Number.isFinite(value) ? value : 0;
}

/** Keyspace lines look like `db0:keys=12,expires=3,avg_ttl=0`. */
export function keyCount(fields: Map<string, string>): number {
  let total = 0;
  for (const [name, value] of fields) {
    if (!/^db\d+$/.test(name)) continue;
    const match = /(?:^|,)keys=(\d+)/.exec(value);
    if (match?.[1]) total += Number(match[1]);
  }
  return total;
}

export function readRedisInfo(text: string): RedisInfo {
  const fields = parseInfo(text);
  return {
    version: fields.get('redis_version') ?? 'unknown',
    usedMemoryBytes: numberField(fields, 'used_memory'),
    maxMemoryBytes: numberField(fields, 'maxmemory'),
    opsPerSec: numberField(fields, 'instantaneous_ops_per_sec'),
    connectedClients: numberField(fields, 'connected_clients'),
    uptimeSeconds: numberField(fields, 'uptime_in_seconds'),
    keys: keyCount(fields),
    commandsProcessed: numberField(fields, 'total_commands_processed'),
    keyspaceHits: numberField(fields, 'keyspace_hits'),
    keyspaceMisses: numberField(fields, 'keyspace_misses'),
    evictedKeys: numberField(fields, 'evicted_keys'),
    expiredKeys: numberField(fields, 'expired_keys'),
  };
}
