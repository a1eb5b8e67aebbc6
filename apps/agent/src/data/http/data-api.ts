// The /v1 request handler: route → config ready → API key → namespace → scope → operation, each
// refusal a coded error, each request timed into the contract's histogram.
import type http from 'node:http';
import type { ApiKeyVerifier } from '../api-keys.js';
import type { DataMetrics } from '../metrics.js';
import type { NamespaceRegistry } from '../namespace-registry.js';
import type { NamespaceRuntime } from '../namespace-runtime.js';
import { DataApiError, toDataApiError } from './errors.js';
import { handlers, writeOperations } from './handlers.js';
import { matchRoute, type Route } from './route.js';

export interface DataApiDeps {
  ready: () => boolean;
  keys: ApiKeyVerifier;
  namespaces: NamespaceRegistry;
  metrics: DataMetrics;
  onInternalError: (error: unknown) => void;
}

function authorize(deps: DataApiDeps, req: http.IncomingMessage, route: Route): NamespaceRuntime {
  if (!deps.ready())
    throw new DataApiError(503, 'E_NOT_READY', 'this agent has no data config yet');
  const key = deps.keys.verify(req.headers.authorization);
  if (key === undefined)
    throw new DataApiError(401, 'E_UNAUTHORIZED', 'missing, wrong or revoked API key');
  const runtime = deps.namespaces.get(route.namespace);
  if (runtime === undefined) {
    throw new DataApiError(
      404,
      'E_UNKNOWN_NAMESPACE',
      `no namespace ${route.namespace} on this agent`,
    );
  }
  const permission = key.permission(route.namespace);
  if (permission === undefined)
    throw new DataApiError(403, 'E_FORBIDDEN', "the namespace is not in this key's scope");
  if (permission === 'read' && writeOperations.has(route.operation)) {
    throw new DataApiError(403, 'E_FORBIDDEN', 'this key may only read');
  }
  return runtime;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function serve(deps: DataApiDeps, req: http.IncomingMessage, route: Route): Promise<unknown> {
  const runtime = authorize(deps, req, route);
  return handlers[route.operation]({ req, runtime, key: route.key });
}

export function createDataApiHandler(deps: DataApiDeps) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let route: Route | undefined;
    const done = (status: number, body: unknown) => {
      // Namespaces this agent does not serve share one label, so the label set stays bounded.
      if (route !== undefined) {
        const known = deps.namespaces.get(route.namespace) !== undefined;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        deps.metrics.observe(
          known ? route.namespace : '_unknown',
          route.operation,
          status,
          seconds,
        );
      }
      send(res, status, body);
    };
    void (async () => {
      try {
        route = matchRoute(req.method ?? 'GET', path);
        done(200, await serve(deps, req, route));
      } catch (error) {
        const failure = toDataApiError(error);
        if (failure.status >= 500 && failure.code === 'E_INTERNAL') deps.onInternalError(error);
        // An unread body (refused early) must be drained for the connection to stay usable.
        if (!req.complete) req.resume();
        done(failure.status, { error: { code: failure.code, message: failure.message } });
      }
    })();
  };
}
