export {
  createControlClient,
  type ControlClient,
  type ControlClientOptions,
} from './control-client.js';
export {
  createCachefleetClient,
  type CachefleetClient,
  type CachefleetClientOptions,
  type NamespaceOptions,
} from './client.js';
export type {
  NamespaceClient,
  NamespaceMode,
  WriteOptions,
  SetManyEntry,
  InvalidateTarget,
} from './namespace-client.js';
export { MAX_BATCH } from './namespace-client.js';
export { DirectNamespace } from './direct/direct-namespace.js';
export { GatewayNamespace } from './gateway/gateway-namespace.js';
export {
  CachefleetError,
  InvalidRequestError,
  UnauthorizedError,
  ForbiddenError,
  UnknownNamespaceError,
  UnavailableError,
  type CachefleetErrorCode,
} from './errors.js';
export type { NamespaceAccess, NamespacePolicy } from './access.js';
