import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';

describe.each(databaseKinds())('users on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  const count = async () => (await listUsers(h.client.db)).length;
  const valid = { email: 'New@Example.com', name: 'New', role: 'operator' as const };

  it('creates a user who can then sign in, and audits it', async () => {
    const user = await h.as.admin.users.create({ ...valid, password: 'a long password' });
    expect(user.email).toBe('new@example.com');
    await h.anonymous.auth.login({ email: 'new@example.com', password: 'a long password' });
    const entries = await h.as.admin.audit.list({ limit: 5 });
    expect(entries.map((e) => e.action)).toContain('user.create');
  });

  it.each([
    ['a short password', { ...valid, email: 'x@example.com', password: 'short' }],
    ['a bad email', { ...valid, email: 'not-an-email', password: 'a long password' }],
    [
      'an unknown role',
      { ...valid, email: 'y@example.com', role: 'root', password: 'a long password' },
    ],
  ])('refuses %s with BAD_REQUEST and creates nothing', async (_name, input) => {
    const before = await count();
    await expect(
      h.as.admin.users.create(input as typeof valid & { password: string }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate email with CONFLICT', async () => {
    const again = h.as.admin.users.create({ ...valid, password: 'a long password' });
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('will not let an admin change their own role', async () => {
    const me = await h.as.admin.auth.me();
    await expect(h.as.admin.users.setRole({ id: me.id, role: 'viewer' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
