import { randomBytes } from 'node:crypto';
import { agentNamePattern } from '../config/schema.js';
import { firstExternalIPv4, isLoopbackHost } from '../net/hosts.js';

/** Turns a hostname into a valid agent name: allowed characters only, at most 63 of them. */
export function nameFromHostname(hostname: string): string {
  const name = hostname
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, 63);
  return agentNamePattern.test(name) ? name : 'agent';
}

/** Loopback when the console is local (a laptop fleet), else the host's first external IPv4. */
export function defaultAdvertiseHost(
  consoleUrl: string,
  externalIPv4: () => string | undefined = firstExternalIPv4,
): string {
  if (isLoopbackHost(new URL(consoleUrl).hostname)) return '127.0.0.1';
  return externalIPv4() ?? '127.0.0.1';
}

/** Redis's requirepass; 32 random bytes, hex so it needs no quoting anywhere. */
export function generateRedisPassword(): string {
  return randomBytes(32).toString('hex');
}
