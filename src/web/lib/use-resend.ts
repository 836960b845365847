// Sending an undelivered (dead-lettered) document again: POST /outbox/{id}/resend keeps its message ID,
// so the partner receives it only once. Used by the task list and the order's sent messages.
import { useState } from 'react';
import { api } from '../http/client.ts';

export interface Resend {
  /** The message being resent, while its request runs. */
  busy: string | null;
  /** The failure of the last resend, with the message it was for. */
  error: { messageId: string; error: unknown } | null;
  /** Resends `messageId`; true when it is queued again. */
  resend: (messageId: string) => Promise<boolean>;
}

export function useResend(): Resend {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Resend['error']>(null);
  const resend = async (messageId: string): Promise<boolean> => {
    setBusy(messageId);
    setError(null);
    try {
      await api(`/outbox/${encodeURIComponent(messageId)}/resend`, { method: 'POST' });
      return true;
    } catch (e) {
      setError({ messageId, error: e });
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, resend };
}
