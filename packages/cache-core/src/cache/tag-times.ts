import type { L2Driver } from '../l2/driver.js';
import type { KeyLayout } from '../keys.js';

/**
 * When each tag was last invalidated. Tag invalidation is O(1): it records a time, and an entry
 * created at or before that time reads as a miss. Known times are kept in process and updated by the
 * bus; after a bus gap they are forgotten and read again from L2.
 */
export class TagTimes {
  private readonly times = new Map<string, number>();

  constructor(
    private readonly l2: L2Driver,
    private readonly layout: KeyLayout,
  ) {}

  /** Synchronous check for L1 hits: every tag of an L1 entry was loaded when it was filled. */
  isValid(tags: readonly string[], createdAt: number): boolean {
    for (const tag of tags) {
      if ((this.times.get(tag) ?? 0) >= createdAt) return false;
    }
    return true;
  }

  /** Loads unknown tags from L2, then checks. */
  async check(tags: readonly string[], createdAt: number): Promise<boolean> {
    const unknown = tags.filter((tag) => !this.times.has(tag));
    if (unknown.length > 0) {
      const values = await Promise.all(
        unknown.map((tag) => this.l2.readCounter(this.layout.tag(tag))),
      );
      unknown.forEach((tag, i) => {
        this.raise(tag, values[i] ?? 0);
      });
    }
    return this.isValid(tags, createdAt);
  }

  raise(tag: string, time: number): void {
    if (time > (this.times.get(tag) ?? -1)) this.times.set(tag, time);
  }

  clear(): void {
    this.times.clear();
  }
}
