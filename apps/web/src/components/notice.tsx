import type { ReactNode } from 'react';

type Tone = 'error' | 'warning' | 'success' | 'info';

/** A message box; errors are announced to screen readers as they appear. */
export function Notice({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
