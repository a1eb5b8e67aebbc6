// Metrics whose value is read at scrape time, inside prom-client's collect().
import { Counter, Gauge, type Registry } from 'prom-client';

type Read = () => number | null | Promise<number | null>;

/**
 * A gauge set from `read()` on each scrape. When `read()` returns null, `onNull: 'keep'` (the
 * default, for a source that is briefly unavailable) keeps the last value; `'drop'` leaves no
 * sample, for a value that does not apply on this node (cluster state without cluster mode, link
 * state on a primary) or is unknown now, so a query finds no series instead of a false 0.
 */
export function callbackGauge(
  registry: Registry,
  name: string,
  help: string,
  read: Read,
  onNull: 'keep' | 'drop' = 'keep',
): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await read();
      if (value !== null) this.set(value);
      else if (onNull === 'drop') this.remove();
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
