import os from 'node:os';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}

/** The first external IPv4 address, or undefined on a host with loopback only. */
export function firstExternalIPv4(
  interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces(),
): string | undefined {
  for (const addresses of Object.values(interfaces)) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** An address a local client can connect to, even when the server listens on a wildcard. */
export function connectableHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '' || listenHost === '::') return '127.0.0.1';
  return listenHost;
}
