// maxmemory / maxmemory-policy via CONFIG SET, compared first and verified after. Shared by the
// apply-config step and the agent's own credential applier.

/** A Redis connection, or anything else that sends one command. */
export interface RedisCaller {
  call(command: string, ...args: string[]): Promise<unknown>;
}

export interface MemoryConfig {
  maxmemory: string | null;
  maxmemoryPolicy: string | null;
}

const units: Record<string, number> = {
  '': 1,
  k: 1_000,
  kb: 1_024,
  m: 1_000_000,
  mb: 1_048_576,
  g: 1_000_000_000,
  gb: 1_073_741_824,
};

/** Redis memory syntax (`256mb`, `1g`, `1048576`) → bytes; null when it is not that syntax. */
export function memoryBytes(value: string): number | null {
  const match = /^(\d+)([kmg]b?)?$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const unit = units[(match[2] ?? '').toLowerCase()];
  return unit === undefined ? null : Number(match[1]) * unit;
}

export async function configGet(redis: RedisCaller, name: string): Promise<string> {
  const reply = await redis.call('CONFIG', 'GET', name);
  if (!Array.isArray(reply)) throw new Error(`unexpected CONFIG GET ${name} reply`);
  const value: unknown = reply[1];
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : '';
}

/** Sets one parameter unless it already has the value; verifies it. Returns true when it changed. */
async function setIfDifferent(
  redis: RedisCaller,
  name: string,
  wanted: string,
  same: (current: string) => boolean,
): Promise<boolean> {
  if (same(await configGet(redis, name))) return false;
  await redis.call('CONFIG', 'SET', name, wanted);
  const now = await configGet(redis, name);
  if (!same(now)) throw new Error(`CONFIG SET ${name} ${wanted} did not stick (reads ${now})`);
  return true;
}

/** Returns the parameters it changed. */
export async function applyMemoryConfig(
  redis: RedisCaller,
  config: MemoryConfig,
): Promise<string[]> {
  const changed: string[] = [];
  const { maxmemory, maxmemoryPolicy } = config;
  if (maxmemory !== null) {
    const bytes = memoryBytes(maxmemory);
    if (bytes === null) throw new Error(`maxmemory ${maxmemory} is not a Redis memory size`);
    if (await setIfDifferent(redis, 'maxmemory', maxmemory, (v) => Number(v) === bytes)) {
      changed.push(`maxmemory ${maxmemory}`);
    }
  }
  if (maxmemoryPolicy !== null) {
    const same = (v: string) => v === maxmemoryPolicy;
    if (await setIfDifferent(redis, 'maxmemory-policy', maxmemoryPolicy, same)) {
      changed.push(`maxmemory-policy ${maxmemoryPolicy}`);
    }
  }
  return changed;
}
