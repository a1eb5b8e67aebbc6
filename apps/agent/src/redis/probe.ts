import { Redis } from 'ioredis';
import { readRedisInfo, type RedisInfo } from './info.js';

/** One long-lived, authenticated connection to the supervised Redis, used for PING and INFO. */
export interface RedisProbe {
  ping(): Promise<boolean>;
  /** Throws when Redis does not answer. */
  info(): Promise<RedisInfo>;
  /** Any other read-only command (INFO sections, CLUSTER INFO) for the scrape-time metrics. */
  call(command: string, ...args: string[]): Promise<unknown>;
  close(): void;
}

export interface RedisProbeOptions {
  host?: string;
  port: number;
  password: string;
  timeoutMs?: number;
}

export function createRedisProbe(options: RedisProbeOptions): RedisProbe {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const client = new Redis({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    password: options.password,
    // Probes must answer "down" at once instead of queueing until Redis comes back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => 100,
  });
  // Connection errors are expected while Redis restarts; the supervisor reports those.
  client.on('error', () => undefined);
  return {
    async ping() {
      try {
        await client.ping();
        return true;
      } catch {
        return false;
      }
    },
    async info() {
      return readRedisInfo(await client.info());
    },
    call(command, ...args) {
      return client.call(command, ...args);
    },
    close() {
      client.disconnect();
    },
  };
}
