import { createContext, sessionCookieName } from '@cachefleet/api';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from './db';

/** The signed-in console user for this request, resolved once per render. */
export const getSessionUser = cache(async () => {
  const token = (await cookies()).get(sessionCookieName)?.value;
  if (!token) return undefined;
  const ctx = await createContext({ db: getDb(), sessionToken: token });
  return ctx.user;
});

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireSessionUser() {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  return user;
}
