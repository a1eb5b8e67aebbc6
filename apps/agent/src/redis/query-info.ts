import { Redis } from 'ioredis';
import { parseInfo, readRedisInfo, type RedisInfo } from './info.js';

/** Connects once, reads INFO and disconnects: for one-shot checks such as `status`. */
export async function queryRedisInfo(
  port: number,
  password: string,
  timeoutMs = 3_000,
): Promise<RedisInfo> {
  return readRedisInfo(await queryInfoText(port, password, [], timeoutMs));
}

/** One INFO section's fields after an authenticated PING; throws when Redis does not answer. */
export async function queryInfoSection(
  port: number,
  password: string,
  section: string,
  timeoutMs = 3_000,
): Promise<Map<string, string>> {
  return parseInfo(await queryInfoText(port, password, [section], timeoutMs));
}

async function queryInfoText(
  port: number,
  password: string,
  sections: string[],
  timeoutMs: number,
): Promise<string> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    password,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return await client.info(...sections);
  } finally {
    client.disconnect();
  }
}
