import { SubNav } from '~/components/sub-nav';

const links = [
  { href: '/namespaces', label: 'Namespaces' },
  { href: '/sources', label: 'Data sources' },
  { href: '/settings/api-keys', label: 'API keys' },
] as const;

/** Moves between what a service's cached data needs: namespaces, their sources, and API keys. */
export function NamespacesNav() {
  return <SubNav label="Data" links={links} />;
}
