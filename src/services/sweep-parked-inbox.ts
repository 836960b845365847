// Use case of the running node: apply envelopes left parked although the gap before them was filled. The
// inbox applies waiting successors right after the message that fills the gap, in transactions of their
// own; a node stopped (or killed) between the two would otherwise leave them parked for good, since their
// senders already hold receipts and never send them again.
import type { Deps } from './deps.ts';
import { drainParked } from './inbox-processing.ts';

/** Applies what waits for nothing any more (at most `limit` conversations); returns how many it drained. */
export async function sweepParkedInbox(deps: Deps, limit = 50): Promise<number> {
  const stuck = await deps.store.inbox.unblockedParked(limit);
  for (const c of stuck) {
    const [receiver, sender] = await Promise.all([
      deps.store.companies.get(c.receiverCompanyId),
      deps.store.companies.get(c.senderCompanyId),
    ]);
    if (receiver && sender) await drainParked(deps, { receiver, sender }, c.conversationId);
  }
  return stuck.length;
}
