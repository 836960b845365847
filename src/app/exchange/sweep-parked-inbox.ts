// Use case of the running node: apply envelopes left parked although the gap before them was filled. The
// inbox applies waiting successors right after the message that fills the gap, in transactions of their
// own; a node stopped (or killed) between the two would otherwise leave them parked for good, since their
// senders already hold receipts and never send them again.
import type { Deps } from '../deps.ts';
import { drainParked } from './inbox-processing.ts';

/**
 * Applies what waits for nothing any more (at most `limit` conversations, in random order so that one
 * that keeps failing cannot hold the others back); returns how many conversations it drained. A
 * business failure is recorded as such by drainParked; any other error leaves the conversation for the
 * next sweep.
 */
export async function sweepParkedInbox(deps: Deps, limit = 50): Promise<number> {
  const stuck = await deps.store.inbox.unblockedParked(limit);
  let drained = 0;
  for (const c of stuck) {
    try {
      const receiver = await deps.store.companies.get(c.receiverCompanyId);
      const sender = await deps.store.companies.get(c.senderCompanyId);
      if (!receiver || !sender) continue;
      await drainParked(deps, { receiver, sender }, c.conversationId);
      drained++;
    } catch {
      // Left parked: the next sweep tries again (a store that is down, say).
    }
  }
  return drained;
}
