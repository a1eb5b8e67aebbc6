import { AsyncLocalStorage } from 'node:async_hooks';
import type { Source, SourceRecord, TierView } from '@cachefleet/cache-core';
import { cachefleetError } from '../errors.js';
import type { AgentHttp } from './agent-http.js';

/**
 * cache-core hands a source only keys and values; the agent needs a write's tags too. They ride
 * along in the async context of the `set` that caused the write, so concurrent writes never mix.
 */
export const writeTags = new AsyncLocalStorage<ReadonlyMap<string, readonly string[]>>();

/** What the embedded cache holds for a key right now (Cache.inspect). */
export type Inspect = (key: string) => Promise<TierView<unknown>>;

function fail(what: string): never {
  throw cachefleetError('E_INTERNAL', `unexpected data API answer to ${what}`);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) fail(what);
  return value as Record<string, unknown>;
}

function entriesOf(body: unknown, what: string): Record<string, unknown>[] {
  const entries = asRecord(body, what).entries;
  if (!Array.isArray(entries)) fail(what);
  return entries.map((entry) => asRecord(entry, what));
}

function versionOf(entry: Record<string, unknown>, what: string): number {
  const version = Number(entry.version);
  if (typeof entry.version !== 'string' || !Number.isSafeInteger(version)) fail(what);
  return version;
}

/**
 * A read's version, when the agent gave a committed one. Otherwise (a batch answer without
 * versions, a queued write-behind value) 0: older than any commit, so the local fill of L2 and L1
 * yields to whatever is there or arrives, and the next read finds the agent's own fill in L2.
 */
function readVersion(entry: Record<string, unknown>): number {
  const version = typeof entry.version === 'string' ? Number(entry.version) : NaN;
  return Number.isSafeInteger(version) ? version : 0;
}

/**
 * The version a local tombstone gets after the agent deleted a key (its answer carries none): the
 * agent's tombstone if L2 holds it, just below a newer value written since (so only our older L1
 * copy goes), or just above our L1 copy when L2 holds nothing.
 */
function tombstoneVersion(view: TierView<unknown>): number {
  const { l1, l2 } = view;
  if (l2 !== undefined) return l2.kind === 'tombstone' ? l2.version : l2.version - 1;
  return l1 === undefined ? 0 : l1.version + 1;
}

/**
 * The agents' data API as the embedded cache's source: misses read through the agent (which loads
 * PostgreSQL and fills L2) and writes commit through it, so the service holds no database
 * credentials, while versions still order every L2 and L1 update exactly as cache-core expects.
 */
export class AgentSource<T> implements Source<T> {
  private readonly base: string;

  constructor(
    private readonly http: AgentHttp,
    namespace: string,
    private readonly inspect: Inspect,
  ) {
    this.base = `/v1/ns/${encodeURIComponent(namespace)}`;
  }

  /** One key (every single-key miss) is a GET, whose answer carries the version; more, a batch. */
  async load(keys: readonly string[]): Promise<Map<string, SourceRecord<T>>> {
    const [single] = keys;
    if (keys.length === 1 && single !== undefined) {
      const answer = await this.http.request('GET', this.keyPath(single));
      if (answer === undefined) return new Map();
      const entry = asRecord(answer, 'GET');
      return new Map([[single, { value: entry.value as T, version: readVersion(entry) }]]);
    }
    const body = await this.http.request('POST', `${this.base}/get-many`, { keys });
    const found = new Map<string, SourceRecord<T>>();
    for (const entry of entriesOf(body, 'get-many')) {
      if (entry.found !== true || typeof entry.key !== 'string') continue;
      found.set(entry.key, { value: entry.value as T, version: readVersion(entry) });
    }
    return found;
  }

  async store(entries: readonly { key: string; value: T }[]): Promise<Map<string, number>> {
    const tags = writeTags.getStore();
    const withTags = entries.map(({ key, value }) => {
      const entryTags = tags?.get(key);
      return entryTags === undefined || entryTags.length === 0
        ? { key, value }
        : { key, value, tags: entryTags };
    });
    const [single] = withTags;
    if (withTags.length === 1 && single !== undefined) {
      const { key, ...body } = single;
      const answer = asRecord(await this.http.request('PUT', this.keyPath(key), body), 'PUT');
      return new Map([[key, versionOf(answer, 'PUT')]]);
    }
    const body = await this.http.request('POST', `${this.base}/set-many`, { entries: withTags });
    const versions = new Map<string, number>();
    for (const entry of entriesOf(body, 'set-many')) {
      if (typeof entry.key === 'string') versions.set(entry.key, versionOf(entry, 'set-many'));
    }
    return versions;
  }

  async remove(keys: readonly string[]): Promise<Map<string, number>> {
    const versions = await Promise.all(
      keys.map(async (key) => {
        const answer = asRecord(await this.http.request('DELETE', this.keyPath(key)), 'DELETE');
        const version =
          typeof answer.version === 'string'
            ? versionOf(answer, 'DELETE')
            : tombstoneVersion(await this.inspect(key));
        return [key, version] as const;
      }),
    );
    return new Map(versions);
  }

  private keyPath(key: string): string {
    return `${this.base}/keys/${encodeURIComponent(key)}`;
  }
}
