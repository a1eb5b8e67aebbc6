/**
 * Redis key layout of one namespace. Entry and lease keys end in a per-key hash tag `{<key>}`, so a
 * key, its tombstone (the same Redis key) and its lease share a slot while different keys spread over
 * all 16384 slots. The generation sits before the tag: bumping it orphans every entry at once (O(1)
 * flush), and the orphans age out through their TTL.
 */
export class KeyLayout {
  private readonly prefix: string;
  /** `entry` runs on every read: the part before the key is built once per generation, not per key. */
  private entryGeneration = 0;
  private entryHead: string;

  constructor(readonly namespace: string) {
    this.prefix = `cf:${namespace}:`;
    this.entryHead = `${this.prefix}g0:{`;
  }

  /** Every key of the namespace, as an ACL key pattern / SCAN glob. */
  allKeys(): string {
    return `${this.prefix}*`;
  }

  entry(generation: number, key: string): string {
    if (generation !== this.entryGeneration) {
      this.entryGeneration = generation;
      this.entryHead = `${this.prefix}g${generation}:{`;
    }
    return this.entryHead + key + '}';
  }

  lease(key: string): string {
    return `${this.prefix}lease:{${key}}`;
  }

  generation(): string {
    return `${this.prefix}gen`;
  }

  /** Commit-ordered counter giving cache-aside writes (which have no source version) their version. */
  versionCounter(): string {
    return `${this.prefix}ver`;
  }

  tag(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }

  /** Shard channel of the invalidation bus; one per namespace, so one subscription per cache. */
  channel(): string {
    return `${this.prefix}bus`;
  }

  /** Write-behind partitions: a key always maps to the same stream, which keeps its writes ordered. */
  stream(partition: number): string {
    return `${this.prefix}wb:${partition}`;
  }

  streamLease(partition: number): string {
    return `${this.prefix}wb:${partition}:lease`;
  }

  deadLetters(): string {
    return `${this.prefix}wb:dead`;
  }
}
