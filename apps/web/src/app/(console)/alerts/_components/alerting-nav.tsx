'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/alerts', label: 'Alerts' },
  { href: '/alerts/rules', label: 'Rules' },
  { href: '/alerts/channels', label: 'Channels' },
  { href: '/alerts/silences', label: 'Silences' },
] as const;

/** Moves between the alerting pages: received alerts, rules, channels and silences. */
export function AlertingNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Alerting" className="toolbar">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          className="button button-small button-ghost"
          aria-current={pathname === link.href ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
