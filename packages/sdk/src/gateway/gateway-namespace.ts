import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@cachefleet/api';
import type { ControlClient } from '../control-client.js';
import { CachefleetError, InvalidRequestError } from '../errors.js';
import type {
  InvalidateTarget,
  NamespaceClient,
  SetManyEntry,
  WriteOptions,
} from '../namespace-client.js';
import { controlCall } from '../trpc-errors.js';

type JsonInput = inferRouterInputs<AppRouter>['cache']['set']['value'];

/**
 * A value as the gateway takes it. tRPC would fail on an unserializable value before sending,
 * with no code; checking here gives the same E_UNSERIALIZABLE as direct mode.
 */
// JSON.stringify answers undefined for a function or a bare undefined; its declared type leaves it out.
function stringify(value: unknown): string | undefined {
  return JSON.stringify(value);
}

function jsonValue(value: unknown): JsonInput {
  let text: string | undefined;
  try {
    text = stringify(value);
  } catch (cause) {
    throw new InvalidRequestError(
      'E_UNSERIALIZABLE',
      `value cannot be serialized: ${String(cause)}`,
      {
        cause,
      },
    );
  }
  if (text === undefined) throw new InvalidRequestError('E_UNSERIALIZABLE', 'value is not JSON');
  return value as JsonInput;
}

/**
 * Gateway mode: every call is one of the console's `cache.*` procedures, where cache-core runs in
 * the web process. Nothing to connect, nothing cached in this process; same codes as direct mode.
 */
export class GatewayNamespace<T> implements NamespaceClient<T> {
  readonly mode = 'gateway';
  private closed = false;

  constructor(
    readonly name: string,
    private readonly trpc: ControlClient,
  ) {}

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async get(key: string): Promise<T | undefined> {
    this.assertOpen();
    try {
      const entry = await controlCall(() =>
        this.trpc.cache.get.query({ namespace: this.name, key }),
      );
      return entry.value as T;
    } catch (error) {
      if (error instanceof CachefleetError && error.code === 'E_NOT_FOUND') return undefined;
      throw error;
    }
  }

  async set(key: string, value: T, options: WriteOptions = {}): Promise<void> {
    this.assertOpen();
    const input = {
      namespace: this.name,
      key,
      value: jsonValue(value),
      tags: options.tags?.slice(),
    };
    await controlCall(() => this.trpc.cache.set.mutate(input));
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    await controlCall(() => this.trpc.cache.delete.mutate({ namespace: this.name, key }));
  }

  async getMany(keys: readonly string[]): Promise<(T | undefined)[]> {
    this.assertOpen();
    const input = { namespace: this.name, keys: keys.slice() };
    const { entries } = await controlCall(() => this.trpc.cache.getMany.query(input));
    return entries.map((entry) => (entry.found ? (entry.value as T) : undefined));
  }

  /** The gateway has no batch write: one `cache.set` per entry, all sent at once (not all-or-nothing). */
  async setMany(entries: readonly SetManyEntry<T>[]): Promise<void> {
    await Promise.all(entries.map((e) => this.set(e.key, e.value, { tags: e.tags })));
  }

  async invalidate(target: InvalidateTarget): Promise<void> {
    this.assertOpen();
    if ('keys' in target && target.keys.length === 0) return;
    const input =
      'tag' in target
        ? { namespace: this.name, tag: target.tag }
        : { namespace: this.name, keys: target.keys.slice() };
    await controlCall(() => this.trpc.cache.invalidate.mutate(input));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new CachefleetError('E_CLOSED', `namespace ${this.name} is closed`);
  }
}
