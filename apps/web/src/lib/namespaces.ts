import type { RouterInputs, RouterOutputs } from '@cachefleet/api';

export type DataSource = RouterOutputs['dataSources']['list'][number];
export type SourceTest = RouterOutputs['dataSources']['testConnection'];
export type NamespaceListing = RouterOutputs['namespaces']['list'][number];
export type NamespaceDetail = RouterOutputs['namespaces']['get'];
export type NamespaceInput = RouterInputs['namespaces']['create'];
export type NamespacePolicy = NamespaceListing['policy'];
export type WriteMode = NamespacePolicy['writeMode'];
export type ValueType = NonNullable<NamespaceListing['source']>['valueType'];
export type ApiKey = RouterOutputs['apiKeys']['list'][number];
export type CreatedApiKey = RouterOutputs['apiKeys']['create'];
export type ApiKeyScope = ApiKey['scopes'][number];
export type Permission = ApiKeyScope['permission'];

/** Pickers' options, kept here so client code never imports db. */
export const writeModes = [
  'write-through',
  'write-behind',
  'cache-aside',
] as const satisfies readonly WriteMode[];
export const valueTypes = ['jsonb', 'bytea'] as const satisfies readonly ValueType[];
export const permissions = ['read', 'read-write'] as const satisfies readonly Permission[];
