#!/usr/bin/env node
// cachefleet-db serve: the embedded PostgreSQL (PGlite) on a loopback port, until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from './embedded/index.js';

const usage = 'usage: cachefleet-db serve --data-dir <folder> --port <port> [--host 127.0.0.1]';

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string', default: '.data/pglite' },
      port: { type: 'string', default: '5488' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`--port must be a TCP port, got ${values.port}`);
  }
  const server = await startEmbeddedPostgres({
    dataDir: values['data-dir'],
    port,
    host: values.host,
  });
  console.log(JSON.stringify({ msg: 'embedded postgres ready', url: server.url }));
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'serve') {
  console.error(usage);
  process.exit(2);
}
serve(rest).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
