import type { L2Record } from '../record.js';

export interface Repair {
  key: string;
  record: L2Record;
  ttlMs: number;
  written: boolean;
  published: boolean;
  attempts: number;
}

export type RepairAttempt = (repair: Repair) => Promise<void>;

/**
 * Committed writes whose L2 write or invalidation publish failed (Redis down, failover). They are
 * retried with backoff until both succeed — the versioned write makes retries safe — and, until
 * then, they answer this process's reads of the key, so the writer still reads its own writes.
 */
export class RepairQueue {
  private readonly repairs = new Map<string, Repair>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;

  constructor(private readonly attempt: RepairAttempt) {}

  get size(): number {
    return this.repairs.size;
  }

  get(key: string): Repair | undefined {
    return this.repairs.size === 0 ? undefined : this.repairs.get(key);
  }

  /** Keeps the newest version per key. */
  add(key: string, record: L2Record, ttlMs: number, written: boolean): void {
    const current = this.repairs.get(key);
    if (current !== undefined && current.record.version > record.version) return;
    this.repairs.set(key, { key, record, ttlMs, written, published: false, attempts: 0 });
    this.schedule(50);
  }

  /** A newer committed write for the key landed everywhere: the repair is moot. */
  settled(key: string, version: number): void {
    const current = this.repairs.get(key);
    if (current !== undefined && current.record.version <= version) this.repairs.delete(key);
  }

  /** Runs every repair once now; resolves when the pass is over. */
  async flush(): Promise<void> {
    await this.pass();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pass().finally(() => {
        if (this.repairs.size > 0) this.schedule(this.backoff());
      });
    }, delayMs);
  }

  private backoff(): number {
    let attempts = 0;
    for (const repair of this.repairs.values()) attempts = Math.max(attempts, repair.attempts);
    return Math.min(2_000, 50 * 2 ** Math.min(attempts, 6));
  }

  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await Promise.all(
        [...this.repairs.values()].map(async (repair) => {
          try {
            await this.attempt(repair);
            if (this.repairs.get(repair.key) === repair) this.repairs.delete(repair.key);
          } catch {
            repair.attempts++;
          }
        }),
      );
    } finally {
      this.running = false;
    }
  }
}
