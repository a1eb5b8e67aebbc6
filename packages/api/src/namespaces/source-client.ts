import pg from 'pg';
import { appError } from '../errors.js';
import { scrubPassword } from './connection-string.js';

const timeoutMs = 5_000;

/** Why a source could not be reached: PostgreSQL's (or the network's) message, never the password. */
export function sourceErrorMessage(error: unknown, connectionString: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return scrubPassword(message, connectionString);
}

/** Runs `work` on a fresh connection that gives up after 5 s to connect or per query. */
export async function withSourceClient<T>(
  connectionString: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Like withSourceClient, but a connection failure becomes E_SOURCE_UNREACHABLE. */
export async function onSource<T>(
  connectionString: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const state = { connected: false };
  try {
    return await withSourceClient(connectionString, async (client) => {
      state.connected = true;
      return work(client);
    });
  } catch (error) {
    if (state.connected) throw error;
    const message = sourceErrorMessage(error, connectionString);
    throw appError('PRECONDITION_FAILED', 'E_SOURCE_UNREACHABLE', `source unreachable: ${message}`);
  }
}
