// Messages: errors are announced at once (role=alert), confirmations politely (role=status).
import type { ReactNode } from 'react';

export function Alert({
  tone = 'error',
  children,
  id,
}: {
  tone?: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  id?: string;
}) {
  return (
    <div id={id} className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
