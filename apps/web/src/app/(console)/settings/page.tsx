import type { Metadata } from 'next';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { getEnv } from '~/env';
import { requireSessionUser } from '~/server/session';
import { EnrollmentSection } from './_components/enrollment-section';
import { UsersSection } from './_components/users-section';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireSessionUser();
  const header = (
    <PageHeader
      title="Settings"
      description="Enrollment tokens for new hosts, and console users."
    />
  );
  if (user.role !== 'admin') {
    return (
      <>
        {header}
        <Notice tone="warning">
          Managing enrollment tokens and users requires the admin role. You are signed in as{' '}
          {user.role}; ask an administrator to add hosts or users for you.
        </Notice>
      </>
    );
  }
  return (
    <>
      {header}
      <div className="stack">
        <EnrollmentSection publicUrl={getEnv().CACHEFLEET_PUBLIC_URL ?? null} />
        <UsersSection currentUserId={user.id} />
      </div>
    </>
  );
}
