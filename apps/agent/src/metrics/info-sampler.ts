// One read per scrape: prom-client starts every metric's collect() in the same tick, so the
// metrics built on one Redis read share the request in flight instead of sending a dozen
// commands. Nothing is cached past that request, so every scrape reads Redis as it is then.
import type { RedisInfo } from '../redis/info.js';

export interface ScrapeSampler<T> {
  /** The current reading, or null when Redis does not answer. */
  sample(): Promise<T | null>;
}

export type InfoSampler = ScrapeSampler<RedisInfo>;

export function createScrapeSampler<T>(read: () => Promise<T>): ScrapeSampler<T> {
  let inFlight: Promise<T | null> | undefined;
  return {
    sample() {
      inFlight ??= read()
        .catch(() => null)
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}

export function createInfoSampler(readInfo: () => Promise<RedisInfo>): InfoSampler {
  return createScrapeSampler(readInfo);
}
