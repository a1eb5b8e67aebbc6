import { createControlClient, type ControlClient } from './control-client.js';
import type { FetchLike } from './direct/agent-http.js';
import { DirectNamespace } from './direct/direct-namespace.js';
import { InvalidRequestError } from './errors.js';
import { GatewayNamespace } from './gateway/gateway-namespace.js';
import type { NamespaceClient, NamespaceMode } from './namespace-client.js';
import { controlCall } from './trpc-errors.js';

export interface CachefleetClientOptions {
  /** The console's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** A service API key (`cfk_…`) from the console's settings. */
  apiKey: string;
  fetch?: FetchLike;
  /** Per data API request in direct mode (default 10 s). */
  timeoutMs?: number;
}

export interface NamespaceOptions {
  mode: NamespaceMode;
}

export interface CachefleetClient {
  /** The typed tRPC client of the control plane and the gateway, as this API key. */
  readonly trpc: ControlClient;
  /** A typed handle on one namespace; `T` is the JSON shape of its values. */
  namespace<T>(name: string, options: { mode: 'direct' }): DirectNamespace<T>;
  namespace<T>(name: string, options: { mode: 'gateway' }): GatewayNamespace<T>;
  namespace<T>(name: string, options: NamespaceOptions): NamespaceClient<T>;
  /** Closes every namespace handle this client opened. */
  close(): Promise<void>;
}

/** Same rule as the control plane's (data contract); checked here so a typo fails at once. */
const namespacePattern = /^[a-z][a-z0-9_-]{0,62}$/;

/** The SDK's entry point: one per service and console, sharing its handles' connections. */
export function createCachefleetClient(options: CachefleetClientOptions): CachefleetClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const trpc = createControlClient({ url: options.url, token: options.apiKey, fetch: fetchImpl });
  const open = new Set<NamespaceClient<unknown>>();
  function namespace<T>(name: string, options: { mode: 'direct' }): DirectNamespace<T>;
  function namespace<T>(name: string, options: { mode: 'gateway' }): GatewayNamespace<T>;
  function namespace<T>(name: string, options: NamespaceOptions): NamespaceClient<T>;
  function namespace<T>(name: string, { mode }: NamespaceOptions): NamespaceClient<T> {
    if (!namespacePattern.test(name)) {
      throw new InvalidRequestError('E_INVALID_NAMESPACE', `invalid namespace name ${name}`);
    }
    const handle: NamespaceClient<T> =
      mode === 'gateway'
        ? new GatewayNamespace<T>(name, trpc)
        : new DirectNamespace<T>(name, {
            fetchAccess: () => controlCall(() => trpc.sdk.namespace.query({ name })),
            apiKey: options.apiKey,
            fetch: fetchImpl,
            timeoutMs: options.timeoutMs ?? 10_000,
          });
    open.add(handle);
    return handle;
  }
  return {
    trpc,
    namespace,
    async close() {
      const handles = [...open];
      open.clear();
      await Promise.all(handles.map((handle) => handle.close()));
    },
  };
}
