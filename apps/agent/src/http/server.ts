// The agent's own HTTP endpoints: liveness, readiness (Redis answers PING) and Prometheus metrics.
import http from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';

export interface AgentHttpDeps {
  registry: Registry;
  redisReady: () => Promise<boolean>;
  version: string;
  log: Logger;
  /** The data API (`/v1/...`), which reads bodies and answers itself. */
  data?: http.RequestListener;
}

type Reply = { status: number; type: string; body: string };

const json = (status: number, body: unknown): Reply => ({
  status,
  type: 'application/json',
  body: JSON.stringify(body),
});

async function route(deps: AgentHttpDeps, path: string): Promise<Reply> {
  switch (path) {
    case '/healthz':
      return json(200, { status: 'ok', version: deps.version, uptimeSeconds: process.uptime() });
    case '/readyz':
      return (await deps.redisReady())
        ? json(200, { status: 'ready' })
        : json(503, { status: 'not ready', reason: 'redis does not answer PING' });
    case '/metrics':
      return {
        status: 200,
        type: deps.registry.contentType,
        body: await deps.registry.metrics(),
      };
    default:
      return json(404, { error: 'not found' });
  }
}

async function handle(deps: AgentHttpDeps, req: http.IncomingMessage): Promise<Reply> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'GET only' });
  const path = new URL(req.url ?? '/', 'http://agent').pathname;
  try {
    return await route(deps, path);
  } catch (error) {
    deps.log.error('http handler failed', { path, error });
    return json(500, { error: 'internal error' });
  }
}

export function createAgentHttpServer(deps: AgentHttpDeps): http.Server {
  const server = http.createServer((req, res) => {
    if (deps.data && req.url?.startsWith('/v1/')) {
      deps.data(req, res);
      return;
    }
    void handle(deps, req).then((reply) => {
      res.writeHead(reply.status, { 'content-type': reply.type });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    });
  });
  // Data API clients keep connections open between requests (Node's default closes after 5 s).
  server.keepAliveTimeout = 30_000;
  return server;
}

/** Listens and returns the bound port (useful when asked for port 0). */
export function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    // Scrapers hold keep-alive connections; don't let them delay shutdown.
    server.closeAllConnections();
  });
}
