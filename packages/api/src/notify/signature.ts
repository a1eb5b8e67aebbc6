import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'X-Cachefleet-Signature';
export const timestampHeader = 'X-Cachefleet-Timestamp';

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp stops replays. */
export function signBody(secret: string, timestamp: string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
