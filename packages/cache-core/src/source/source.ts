/** A row of the source of truth: the value and the version its last commit gave it. */
export interface SourceRecord<V> {
  value: V;
  version: number;
}

/** One value to commit. */
export interface SourceEntry<V> {
  key: string;
  value: V;
  /**
   * The value's JSON text when the caller already has it (a cache with the JSON serializer made it
   * for L2): a source may send it as is instead of serializing the value a second time.
   */
  json?: string | undefined;
}

/**
 * The system of record behind a namespace (PostgreSQL in cachefleet). Versions must grow with every
 * commit of a key, including across delete and re-insert, because L2 refuses anything older.
 */
export interface Source<V> {
  /** Present keys only; absent keys are simply missing from the map. */
  load(keys: readonly string[]): Promise<Map<string, SourceRecord<V>>>;
  /** Commits the values; resolves with each key's new version only once committed. */
  store(entries: readonly SourceEntry<V>[]): Promise<Map<string, number>>;
  /** Deletes the keys; resolves with a version per key for the tombstone, newer than any before. */
  remove(keys: readonly string[]): Promise<Map<string, number>>;
}
