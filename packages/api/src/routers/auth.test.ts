import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { password, startHarness, type Harness } from '../../tests/harness.js';
import { createCaller, createContext } from '../index.js';

describe.each(databaseKinds())('auth on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  it('signs in, sets a session cookie, and answers me', async () => {
    const set: string[] = [];
    const cookies = { setSession: (t: string) => set.push(t), clearSession: () => undefined };
    const caller = await h.caller({ cookies });
    const user = await caller.auth.login({ email: 'ADMIN@test ', password });
    expect(user).toMatchObject({ email: 'admin@test', role: 'admin' });
    expect(user).not.toHaveProperty('passwordHash');
    expect(set[0]).toMatch(/^cfs_/);
    const session = await h.caller({ sessionToken: set[0] });
    expect((await session.auth.me()).email).toBe('admin@test');
  });

  it('refuses a wrong password with E_BAD_CREDENTIALS and audits the attempt', async () => {
    const attempt = h.anonymous.auth.login({ email: 'admin@test', password: 'wrong' });
    await expect(attempt).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const [latest] = await listAudit(h.client.db, { limit: 1 });
    expect(latest?.action).toBe('auth.login_failed');
  });

  it('rejects malformed input with BAD_REQUEST', async () => {
    const huge = 'x'.repeat(2000);
    await expect(h.anonymous.auth.login({ email: '', password })).rejects.toBeInstanceOf(TRPCError);
    await expect(h.anonymous.auth.login({ email: 'a@b', password: huge })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('logout ends the session for good', async () => {
    let token = '';
    const cookies = { setSession: (t: string) => (token = t), clearSession: () => (token = '') };
    await createCaller(await createContext({ db: h.client.db, cookies })).auth.login({
      email: 'viewer@test',
      password,
    });
    const sessionToken = token;
    const session = await h.caller({ sessionToken, cookies });
    await session.auth.logout();
    expect(token).toBe('');
    const after = await h.caller({ sessionToken });
    await expect(after.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
