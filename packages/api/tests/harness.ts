// Test harness: a migrated database with one user per role, and tRPC callers acting as each.
import type { Role } from '@cachefleet/db';
import { createDbClient, createUser, migrateDatabase, type DbClient } from '@cachefleet/db';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createCaller, createContext, hashPassword, type ContextInput } from '../src/index.js';

/** A fixed test key, so sealed values written by one caller open in another. */
export const testSecretKey = 'a'.repeat(64);

export const password = 'correct horse battery staple';
export type Caller = ReturnType<typeof createCaller>;

export interface Harness {
  client: DbClient;
  anonymous: Caller;
  as: Record<Role, Caller>;
  /** A caller whose context carries only the given bearer token (agents). */
  asBearer(token: string): Promise<Caller>;
  caller(input: Omit<ContextInput, 'db'>): Promise<Caller>;
  stop(): Promise<void>;
}

async function signIn(client: DbClient, email: string): Promise<Caller> {
  let token: string | undefined;
  const cookies = { setSession: (t: string) => (token = t), clearSession: () => undefined };
  await createCaller(
    await createContext({ db: client.db, cookies, secretKey: testSecretKey }),
  ).auth.login({
    email,
    password,
  });
  return createCaller(
    await createContext({ db: client.db, sessionToken: token, secretKey: testSecretKey }),
  );
}

export async function startHarness(kind: TestDatabase['kind']): Promise<Harness> {
  const database = await startTestDatabase(kind);
  const client = createDbClient(database.url);
  await migrateDatabase(client.db);
  const passwordHash = await hashPassword(password);
  const roles: Role[] = ['admin', 'operator', 'viewer'];
  for (const role of roles) {
    await createUser(client.db, { email: `${role}@test`, name: role, role, passwordHash });
  }
  const [admin, operator, viewer] = await Promise.all(
    roles.map((r) => signIn(client, `${r}@test`)),
  );
  if (!admin || !operator || !viewer) throw new Error('sign-in failed');
  const caller = async (input: Omit<ContextInput, 'db'>) =>
    createCaller(await createContext({ db: client.db, secretKey: testSecretKey, ...input }));
  return {
    client,
    anonymous: await caller({}),
    as: { admin, operator, viewer },
    asBearer: (token) => caller({ bearerToken: token }),
    caller,
    async stop() {
      await client.close();
      await database.stop();
    },
  };
}
