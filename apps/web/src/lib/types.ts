import type { RouterOutputs } from '@cachefleet/api';

export type Node = RouterOutputs['nodes']['list'][number];
export type NodeStatus = Node['status'];
export type EnrollmentToken = RouterOutputs['enrollment']['list'][number];
export type CreatedEnrollmentToken = RouterOutputs['enrollment']['create'];
export type ConsoleUser = RouterOutputs['users']['list'][number];
export type Role = ConsoleUser['role'];
export type AuditEntry = RouterOutputs['audit']['list'][number];

export const nodeStatuses = [
  'healthy',
  'degraded',
  'down',
  'pending',
] as const satisfies readonly NodeStatus[];

/** Every role, most privileged first, for pickers (kept here so client code never imports db). */
export const roles = ['admin', 'operator', 'viewer'] as const satisfies readonly Role[];
