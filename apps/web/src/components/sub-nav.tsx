'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A row of links between sibling pages; the current one is marked for assistive technology. */
export function SubNav(props: {
  label: string;
  links: readonly { href: string; label: string }[];
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={props.label} className="toolbar">
      {props.links.map((link) => (
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
