// The partner channel (orders/ports.ts) of every use case: each change for a partner becomes a signed
// envelope, written to the outbox in the same transaction as the change itself; a partner on another node
// gets it from the outbox worker over HTTP, a partner hosted on this node through the same inbox checks
// in the same transaction (deliver-on-node.ts). No shortcut: each company's copy changes only by a signed
// document it received (see docs/network.md).
import { DomainError } from '../../domain/errors.ts';
import { signingKeyAt } from '../../network/keys.ts';
import { depsWithin, type Deps } from '../deps.ts';
import type { PartnerChannel } from '../orders/index.ts';
import { payloadOf } from './change-payload.ts';
import { queueEnvelope } from './deliver-on-node.ts';

/** The channel every use case publishes through (see the file header). */
export function networkPartnerChannel(): PartnerChannel<Deps> {
  return {
    async deliver(useCaseDeps, tx, to, message) {
      const deps = depsWithin(useCaseDeps, tx);
      const from = message.kind === 'order.issued' ? message.order.buyer.companyId : message.from;
      const conversationId = message.kind === 'order.issued' ? message.order.id : message.orderId;
      if (message.kind === 'document.forwarded') {
        // A document from the company's own system, as it is (an MLR answering the partner's document).
        const bytes = await tx.documents.contentById(message.documentId);
        if (!bytes) throw new Error(`document ${message.documentId} is missing while forwarding it`);
        const payload = { documentType: message.documentType, bytes, documentId: message.documentId };
        await queueEnvelope(deps, tx, { from, to, conversationId, payload, at: message.at });
        return;
      }
      // Checked before the document is written: without a key nothing can be sent.
      const key = signingKeyAt(await tx.partners.keys(from), message.at);
      if (!key) throw new DomainError('conflict', `company ${from} has no valid signing key to send with`);
      const payload = await payloadOf(deps, tx, from, message);
      const opensConversation = message.kind === 'order.issued';
      await queueEnvelope(
        deps,
        tx,
        { from, to, conversationId, payload, at: message.at, opensConversation },
        key,
      );
    },
  };
}
