import { Redis } from 'ioredis';
import { readRedisInfo, type RedisInfo } from './info.js';

/** Connects once, reads INFO and disconnects: for one-shot checks such as `status`. */
export async function queryRedisInfo(
  port: number,
  password: string,
  timeoutMs = 3_000,
): Promise<RedisInfo> {
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
    return readRedisInfo(await client.info());
  } finally {
    client.disconnect();
  }
}
