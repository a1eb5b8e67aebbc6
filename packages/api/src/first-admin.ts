import { randomBytes } from 'node:crypto';
import { createFirstUser, type Database } from '@cachefleet/db';
import { hashPassword } from './security/passwords.js';

export interface FirstAdmin {
  email: string;
  /** Set only when this call created the admin; shown once, never stored. */
  password?: string;
}

/**
 * Creates the first admin on first start. The password comes from the environment or is generated
 * and returned once so the launcher can print it; later starts create nothing.
 */
export async function ensureFirstAdmin(
  db: Database,
  options: { email: string; password?: string | undefined },
): Promise<FirstAdmin> {
  const password = options.password ?? randomBytes(12).toString('base64url');
  const created = await createFirstUser(db, {
    email: options.email.toLowerCase(),
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  return created ? { email: created.email, password } : { email: options.email };
}
