/** How a namespace handle reaches the data: its own near cache + Redis + agents, or the console. */
export type NamespaceMode = 'direct' | 'gateway';

export interface WriteOptions {
  /** Tags for `invalidate({ tag })` (the namespace must have tags enabled). */
  tags?: readonly string[];
}

export interface SetManyEntry<T> {
  key: string;
  value: T;
  tags?: readonly string[];
}

export type InvalidateTarget = { keys: readonly string[] } | { tag: string };

/**
 * One namespace's data, typed by `T` (the JSON shape of its values). Both modes have the same
 * semantics and error codes; only the path differs.
 */
export interface NamespaceClient<T> {
  readonly name: string;
  readonly mode: NamespaceMode;
  /** Resolves once the handle is connected (it also connects on first use). */
  ready(): Promise<void>;
  /** The value, or undefined when the key has none (read-through loads it from the source). */
  get(key: string): Promise<T | undefined>;
  /** Resolves once the write is committed (to the source, for write-through namespaces). */
  set(key: string, value: T, options?: WriteOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Values in the order of `keys`; undefined where a key has none. */
  getMany(keys: readonly string[]): Promise<(T | undefined)[]>;
  setMany(entries: readonly SetManyEntry<T>[]): Promise<void>;
  /** Drops cached copies (every tier, every process); the source is untouched. */
  invalidate(target: InvalidateTarget): Promise<void>;
  close(): Promise<void>;
}

/** Most keys one getMany / setMany / invalidate call takes (data contract). */
export const MAX_BATCH = 1000;
