import type { Source, SourceRecord } from '../../src/index.js';

export interface Commit<V> {
  key: string;
  version: number;
  value: V | undefined;
}

/** Records every commit the source acknowledged, with its version, to check the final state. */
export class CommitLog<V> implements Source<V> {
  readonly commits: Commit<V>[] = [];

  constructor(private readonly inner: Source<V>) {}

  load(keys: readonly string[]): Promise<Map<string, SourceRecord<V>>> {
    return this.inner.load(keys);
  }

  async store(entries: readonly { key: string; value: V }[]): Promise<Map<string, number>> {
    const versions = await this.inner.store(entries);
    for (const { key, value } of entries)
      this.commits.push({ key, value, version: versions.get(key) ?? -1 });
    return versions;
  }

  async remove(keys: readonly string[]): Promise<Map<string, number>> {
    const versions = await this.inner.remove(keys);
    for (const key of keys)
      this.commits.push({ key, value: undefined, version: versions.get(key) ?? -1 });
    return versions;
  }

  /** Per key, the commit with the highest version: what PostgreSQL must hold. */
  latest(): Map<string, Commit<V>> {
    const latest = new Map<string, Commit<V>>();
    for (const commit of this.commits) {
      const current = latest.get(commit.key);
      if (current === undefined || commit.version > current.version) latest.set(commit.key, commit);
    }
    return latest;
  }
}
