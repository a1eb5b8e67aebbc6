// Applies the API keys' ACL users to this agent's own Redis node (ACLs are per node): creates and
// updates them, deletes revoked `cfk_*` users, and does it all again when Redis restarted (its
// run_id changed), since ACL SETUSER lives in memory only.
import { aclUsersOf, managedUserPrefix, type AclUser } from './acl-rules.js';
import type { ApiKeyConfig } from './config-schema.js';

export type RedisCall = (command: string, ...args: string[]) => Promise<unknown>;

function runIdOf(info: unknown): string {
  return /run_id:(\w+)/.exec(String(info))?.[1] ?? '';
}

export class AclApplier {
  private desired: AclUser[] = [];
  private desiredKey = '';
  private appliedKey: string | undefined;
  private appliedRunId: string | undefined;

  constructor(private readonly call: RedisCall) {}

  setKeys(keys: readonly ApiKeyConfig[]): void {
    this.desired = aclUsersOf(keys);
    this.desiredKey = JSON.stringify(this.desired);
  }

  /** Idempotent; cheap when nothing changed (one INFO). Throws when Redis does not answer. */
  async reconcile(): Promise<boolean> {
    const runId = runIdOf(await this.call('INFO', 'server'));
    if (runId === this.appliedRunId && this.desiredKey === this.appliedKey) return false;
    for (const user of this.desired) await this.call('ACL', 'SETUSER', user.name, ...user.rules);
    const wanted = new Set(this.desired.map((u) => u.name));
    const existing = (await this.call('ACL', 'USERS')) as string[];
    const stale = existing.filter(
      (name) => name.startsWith(managedUserPrefix) && !wanted.has(name),
    );
    if (stale.length > 0) await this.call('ACL', 'DELUSER', ...stale);
    this.appliedRunId = runId;
    this.appliedKey = this.desiredKey;
    return true;
  }
}
