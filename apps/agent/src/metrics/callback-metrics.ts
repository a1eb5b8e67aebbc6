// Metrics whose value is read at scrape time, inside prom-client's collect().
import { Counter, Gauge, type Registry } from 'prom-client';

type Read = () => number | null | Promise<number | null>;

/** A gauge set from `read()` on each scrape; null (source unavailable) keeps the last value. */
export function callbackGauge(registry: Registry, name: string, help: string, read: Read): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await read();
      if (value !== null) this.set(value);
    },
  });
}

/**
 * A counter mirroring a monotonic total kept elsewhere (a Redis INFO field, a supervisor count).
 * It is typed `counter` so rate() works, and it resets when the source restarts, like any counter.
 */
export function callbackCounter(
  registry: Registry,
  name: string,
  help: string,
  read: Read,
): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await read();
      if (value === null) return;
      this.reset();
      this.inc(value);
    },
  });
}
