import type { ReactNode } from 'react';
import { requireSessionUser } from '~/server/session';
import { ConsoleHeader } from './_components/console-header';

/** Every signed-in page: the session is checked on the server before anything renders. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return (
    <>
      <ConsoleHeader email={user.email} role={user.role} />
      <main className="page">{children}</main>
    </>
  );
}
