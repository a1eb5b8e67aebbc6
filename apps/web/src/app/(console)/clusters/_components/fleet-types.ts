import type { RouterInputs, RouterOutputs } from '@cachefleet/api';

export type ClusterListing = RouterOutputs['clusters']['list'][number];
export type ClusterDetail = RouterOutputs['clusters']['get'];
export type PrimaryView = ClusterDetail['primaries'][number];
export type NodeView = ClusterDetail['nodes'][number];
export type IdleAgent = RouterOutputs['clusters']['idleAgents'][number];
export type CreatePlan = RouterOutputs['clusters']['planCreate'];
export type RebalancePlan = RouterOutputs['clusters']['planRebalance'];
export type OperationListing = RouterOutputs['operations']['list']['items'][number];
export type OperationDetail = RouterOutputs['operations']['get'];
export type OperationStep = OperationDetail['steps'][number];

export const allSlots = 16_384;

/** The API's eviction policies, for the picker; `satisfies` keeps it in step with the input. */
export const evictionPolicies = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const satisfies readonly NonNullable<
  RouterInputs['clusters']['changeConfig']['maxmemoryPolicy']
>[];

/** Statuses after which an operation changes no more. */
export function isActive(status: string): boolean {
  return status === 'pending' || status === 'running';
}

export function formatRanges(ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return 'none';
  return ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ');
}
