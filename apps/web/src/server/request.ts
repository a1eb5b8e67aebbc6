/** Reads one cookie from a request's Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

/** The `Authorization: Bearer` credential, which agents send instead of a session cookie. */
export function readBearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1];
}

/** The caller's address for the audit log: the first proxy hop's claim, else the proxy's. */
export function readClientIp(req: Request): string | undefined {
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  return req.headers.get('x-real-ip')?.trim() ?? undefined;
}

/** Whether the browser reached us over TLS, directly or through a TLS-terminating proxy. */
export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (proto ?? new URL(req.url).protocol.replace(':', '')) === 'https';
}

/**
 * Refuses cross-site browser calls: browsers always send Origin on POST, and it must name the host
 * the request was addressed to (directly or as forwarded) or the configured public URL.
 * Agents and SDKs send no Origin and authenticate with a bearer credential instead.
 */
export function isSameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = [
    req.headers.get('x-forwarded-host')?.split(',')[0]?.trim(),
    req.headers.get('host'),
    publicUrl ? new URL(publicUrl).host : undefined,
  ];
  return allowed.includes(host);
}
