// The partner channel of a networked node: a change for a company hosted on another node becomes a
// signed envelope in the outbox, written in the same transaction as the change itself; a company on this
// node still gets the change applied directly (see docs/network.md). The payload is the UBL document of
// the change: the original bytes when the change came from an imported document, otherwise the document
// the node writes for it; actions without a UBL counterpart travel as a SchakelOrderAction.
import { primaryIdentifier } from '../domain/company-types.ts';
import { DomainError } from '../domain/errors.ts';
import type { OrderExportType } from '../documents/ubl-vocabulary.ts';
import { ACTION_PAYLOAD_TYPE, writeActionPayload } from '../network/action-payload.ts';
import { sealEnvelope } from '../network/envelope.ts';
import { signingKeyAt } from '../network/keys.ts';
import type { Repositories } from '../storage/store.ts';
import type { Deps } from './deps.ts';
import { exportOrderDocument } from './export-order-document.ts';
import type { PartnerChannel, PartnerMessage } from './partner-channel.ts';

/** The UBL document each kind of change is sent as, when the receiving side maps it back already. */
function ublTypeOf(message: PartnerMessage): OrderExportType | null {
  if (message.kind === 'order.issued') return 'Order';
  return message.action.type === 'respond' ? 'OrderResponse' : null;
}

interface Payload {
  documentType: string;
  bytes: Uint8Array;
}

async function payloadOf(deps: Deps, tx: Repositories, from: string, message: PartnerMessage) {
  const orderId = message.kind === 'order.issued' ? message.order.id : message.orderId;
  const type = ublTypeOf(message);
  if (type && message.documentId) {
    const original = await tx.documents.content(from, message.documentId);
    if (original) return { documentType: type, bytes: original } satisfies Payload;
  }
  if (type) {
    const caller = { companyId: from, role: 'admin' as const, actor: message.actor };
    const doc = await exportOrderDocument(deps, caller, orderId, { type });
    return { documentType: type, bytes: new TextEncoder().encode(doc.xml) } satisfies Payload;
  }
  if (message.kind !== 'order.action') throw new Error('unreachable');
  const order = await tx.orders.get(from, orderId);
  const bytes = writeActionPayload({
    orderNumber: order?.number ?? '',
    actorRole: message.actorRole,
    action: message.action,
  });
  return { documentType: ACTION_PAYLOAD_TYPE, bytes } satisfies Payload;
}

/**
 * Wraps the local channel: remote receivers get an outbox row. `depsFor(tx)` gives the use-case
 * dependencies joined to the sender's transaction (to write the document from the saved copy).
 */
export function networkPartnerChannel(
  local: PartnerChannel,
  depsFor: (tx: Repositories) => Deps,
): PartnerChannel {
  return {
    async deliver(tx, to, message) {
      const remote = await tx.partners.getRemote(to);
      if (!remote) return local.deliver(tx, to, message);
      const deps = depsFor(tx);
      const from = message.kind === 'order.issued' ? message.order.buyer.companyId : message.from;
      const conversationId = message.kind === 'order.issued' ? message.order.id : message.orderId;
      const sender = await tx.companies.get(from);
      const key = signingKeyAt(await tx.partners.keys(from), message.at);
      if (!sender || !key)
        throw new DomainError('conflict', `company ${from} has no valid signing key to send with`);
      const payload = await payloadOf(deps, tx, from, message);
      const seq = await tx.outbox.nextSeq(from, conversationId);
      const { jws, fields } = await sealEnvelope(
        {
          messageId: deps.network.newMessageId(),
          conversationId,
          seq,
          sender: primaryIdentifier(sender),
          receiver: remote.participant,
          documentType: payload.documentType,
          createdAt: message.at,
        },
        payload.bytes,
        key,
      );
      await tx.outbox.insert({
        id: fields.messageId,
        companyId: from,
        peerCompanyId: to,
        conversationId,
        seq,
        documentType: payload.documentType,
        endpointUrl: remote.endpointUrl,
        envelope: jws,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: message.at,
        lastError: null,
        receipt: null,
        createdAt: message.at,
        deliveredAt: null,
      });
    },
  };
}
