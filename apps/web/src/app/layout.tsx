import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '~/trpc/react';
import './globals.css';
import '~/styles/shell.css';
import '~/styles/data.css';
import '~/styles/forms.css';

export const metadata: Metadata = {
  title: { default: 'cachefleet', template: '%s · cachefleet' },
  description: 'Control plane for a fleet of cache hosts',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
