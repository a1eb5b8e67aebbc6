// The cluster credential on this agent's own Redis: the ACL user orchestration and replication
// use, plus masteruser/masterauth so a replica can sync from its primary. Compared first, so a
// second apply sends nothing but reads.
import { createHash } from 'node:crypto';
import { configGet, type RedisCaller } from './memory-config.js';

export interface ClusterUser {
  username: string;
  password: string;
}

const rules = ['~*', '&*', '+@all'];

function field(reply: unknown, name: string): unknown {
  if (!Array.isArray(reply)) return undefined;
  const at = reply.indexOf(name);
  return at >= 0 ? reply[at + 1] : undefined;
}

async function userIsCurrent(redis: RedisCaller, user: ClusterUser): Promise<boolean> {
  const reply = await redis.call('ACL', 'GETUSER', user.username);
  if (reply === null) return false;
  const flags = field(reply, 'flags');
  const passwords = field(reply, 'passwords');
  const hash = createHash('sha256').update(user.password).digest('hex');
  return (
    Array.isArray(flags) &&
    flags.includes('on') &&
    Array.isArray(passwords) &&
    passwords.length === 1 &&
    passwords[0] === hash &&
    field(reply, 'commands') === '+@all' &&
    field(reply, 'keys') === '~*' &&
    field(reply, 'channels') === '&*'
  );
}

/** Returns what it changed (empty when everything was already in place). */
export async function applyClusterUser(redis: RedisCaller, user: ClusterUser): Promise<string[]> {
  const changed: string[] = [];
  if (!(await userIsCurrent(redis, user))) {
    await redis.call('ACL', 'SETUSER', user.username, 'reset', 'on', `>${user.password}`, ...rules);
    changed.push(`ACL user ${user.username}`);
  }
  if ((await configGet(redis, 'masteruser')) !== user.username) {
    await redis.call('CONFIG', 'SET', 'masteruser', user.username);
    changed.push('masteruser');
  }
  if ((await configGet(redis, 'masterauth')) !== user.password) {
    await redis.call('CONFIG', 'SET', 'masterauth', user.password);
    changed.push('masterauth');
  }
  return changed;
}
