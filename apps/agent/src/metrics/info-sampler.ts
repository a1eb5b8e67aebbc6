// One INFO call per scrape: prom-client starts every metric's collect() in the same tick, so the
// INFO-based metrics share the request in flight instead of sending a dozen INFO commands. Nothing
// is cached past that request, so every scrape reads Redis as it is at scrape time.
import type { RedisInfo } from '../redis/info.js';

export interface InfoSampler {
  /** The current INFO, or null when Redis does not answer. */
  sample(): Promise<RedisInfo | null>;
}

export function createInfoSampler(readInfo: () => Promise<RedisInfo>): InfoSampler {
  let inFlight: Promise<RedisInfo | null> | undefined;
  return {
    sample() {
      inFlight ??= readInfo()
        .catch(() => null)
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}
