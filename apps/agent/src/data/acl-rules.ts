// The Redis ACL user of each API key (data contract): its namespaces' keys only (`~cf:<ns>:*`,
// read-only `%R~` for read scopes), their bus channels, and the commands cache-core needs — the
// rules themselves come from cache-core, which knows what it sends.
import { scopesAclRules } from '@cachefleet/cache-core';
import type { ApiKeyConfig } from './config-schema.js';

export interface AclUser {
  name: string;
  rules: string[];
}

/** Users the agent manages; any other user (default, the cluster user) is never touched. */
export const managedUserPrefix = 'cfk_';

export function aclUserOf(key: ApiKeyConfig): AclUser {
  return {
    name: key.aclUser,
    rules: ['reset', 'on', `>${key.aclPassword}`, ...scopesAclRules(key.scopes)],
  };
}

export function aclUsersOf(keys: readonly ApiKeyConfig[]): AclUser[] {
  return keys.filter((k) => k.aclUser.startsWith(managedUserPrefix)).map(aclUserOf);
}
