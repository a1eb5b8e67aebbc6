/** Concurrent callers for one key share one promise (in-process stampede control). */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  get size(): number {
    return this.flights.size;
  }

  has(key: string): boolean {
    return this.flights.has(key);
  }

  /** Returns the running flight for `key` or starts one; `joined` tells which. */
  run(key: string, start: () => Promise<T>): { promise: Promise<T>; joined: boolean } {
    const running = this.flights.get(key);
    if (running !== undefined) return { promise: running, joined: true };
    const promise = start().finally(() => {
      if (this.flights.get(key) === promise) this.flights.delete(key);
    });
    this.flights.set(key, promise);
    return { promise, joined: false };
  }
}
