import type { Sealer } from '../security/sealer.js';

/** The Redis ACL user of an API key (data contract): `cfk_<id without dashes>`. */
export function aclUserOf(apiKeyId: string): string {
  return `cfk_${apiKeyId.replaceAll('-', '')}`;
}

/** Derived from the console's secret key, so it is never stored and every agent computes the same. */
export function aclPasswordOf(sealer: Sealer, apiKeyId: string): string {
  return sealer.derive(`acl:${apiKeyId}`);
}
