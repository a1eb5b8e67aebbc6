import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pinExtendedQueryBatches } from './batch-affinity.js';

export interface EmbeddedPostgresOptions {
  /** A folder for the data, or 'memory://' for a throwaway database. */
  dataDir: string;
  port: number;
  host?: string;
  /** Concurrent client connections the multiplexer accepts. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL in WASM (PGlite) served on a loopback port, so every process speaks `pg` to one code
 * path. PGlite runs one transaction at a time across all connections: callers must never await
 * another connection while holding a transaction.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    port: options.port,
    host,
    maxConnections: options.maxConnections ?? 32,
  });
  pinExtendedQueryBatches(server);
  await server.start();
  return {
    url: `postgres://postgres:postgres@${host}:${options.port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
