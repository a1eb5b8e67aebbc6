import { z } from 'zod';

/** A postgres:// or postgresql:// URL naming a host; at most 2 KiB. */
export const connectionString = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (value) => {
      const url = URL.parse(value);
      return !!url && ['postgres:', 'postgresql:'].includes(url.protocol) && url.hostname !== '';
    },
    { error: 'a connection string is a postgres://user:password@host:port/database URL' },
  );

/** `user@host:port/db`: what the console shows of a stored connection string. */
export function redactConnectionString(value: string): string {
  const url = new URL(value);
  const user = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return `${user ? `${user}@` : ''}${url.hostname}:${url.port || '5432'}/${database}`;
}

/** Removes the password (raw and decoded) from a message that might echo the connection string. */
export function scrubPassword(message: string, value: string): string {
  const url = URL.parse(value);
  if (!url?.password) return message;
  let scrubbed = message;
  for (const secret of new Set([url.password, decodeURIComponent(url.password)])) {
    scrubbed = scrubbed.split(secret).join('***');
  }
  return scrubbed;
}
