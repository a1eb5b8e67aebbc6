// A signed-in caller whose context carries extra inputs (e.g. a monitoring config).
import type { ContextInput } from '../src/index.js';
import { password, type Caller, type Harness } from './harness.js';

export async function signedInWith(
  h: Harness,
  email: string,
  extra: Omit<ContextInput, 'db' | 'sessionToken' | 'cookies'>,
): Promise<Caller> {
  let token: string | undefined;
  const cookies = { setSession: (t: string) => (token = t), clearSession: () => undefined };
  await (await h.caller({ cookies })).auth.login({ email, password });
  if (!token) throw new Error(`sign-in failed for ${email}`);
  return h.caller({ sessionToken: token, ...extra });
}
