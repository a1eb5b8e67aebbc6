'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '~/trpc/react';

/** The number of firing alerts in the header, linking to the alerts page. */
export function AlertsBadge() {
  const trpc = useTRPC();
  const firing = useQuery(
    trpc.alerts.firingCount.queryOptions(undefined, { refetchInterval: 10_000 }),
  );
  const count = firing.data?.firing ?? 0;
  return (
    <Link
      href="/alerts"
      className={`badge ${count > 0 ? 'badge-down' : 'badge-healthy'}`}
      data-testid="alerts-badge"
    >
      {count > 0 ? `${count} firing` : 'no alerts'}
    </Link>
  );
}
