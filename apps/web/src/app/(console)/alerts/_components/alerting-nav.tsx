import { SubNav } from '~/components/sub-nav';

const links = [
  { href: '/alerts', label: 'Alerts' },
  { href: '/alerts/rules', label: 'Rules' },
  { href: '/alerts/channels', label: 'Channels' },
  { href: '/alerts/silences', label: 'Silences' },
] as const;

/** Moves between the alerting pages: received alerts, rules, channels and silences. */
export function AlertingNav() {
  return <SubNav label="Alerting" links={links} />;
}
