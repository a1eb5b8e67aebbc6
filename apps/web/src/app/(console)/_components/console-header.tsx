import { Brand } from '~/components/brand';
import type { Role } from '~/lib/types';
import { AlertsBadge } from './alerts-badge';
import { MainNav } from './main-nav';
import { SignOutButton } from './sign-out-button';

export function ConsoleHeader({ email, role }: { email: string; role: Role }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Brand />
        <MainNav />
        <div className="user-menu">
          <AlertsBadge />
          <span className="user-email">{email}</span>
          <span className="role-pill" title="Your role">
            {role}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
