// The sending half of the exchange: a change for a partner is sealed into an envelope signed by the
// sending company and written to its outbox, in the transaction of the change itself. Nothing here
// delivers: the outbox worker (network/outbox-worker.ts) sends rows for partners on other nodes after
// commit, and deliver-on-node.ts hands rows for companies on this node to their inbox at once.
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { sealEnvelope } from '../../network/envelope.ts';
import { signingKeyAt, type StoredKey } from '../../network/keys.ts';
import type { OutboxMessage } from '../../storage/outbox-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import type { CheckedDocument } from '../../documents/validate-document.ts';
import type { Deps } from '../deps.ts';

export interface Payload {
  documentType: string;
  bytes: Uint8Array;
  /** The imported document these bytes are, when they are one. */
  documentId?: string | null;
  /**
   * The bytes as the writer parsed and validated them, when this process wrote them: a receiver on this
   * node reads this tree instead of parsing and validating the same bytes again (never sent anywhere).
   */
  checked?: CheckedDocument | undefined;
}

export interface Outgoing {
  /** The sending company (hosted here) and the receiving partner (remote, or hosted here too). */
  from: string;
  to: string;
  conversationId: string;
  payload: Payload;
  at: string;
  /** The message opens its conversation (a new order's): its seq is 1, no need to ask the outbox. */
  opensConversation?: boolean;
}

/** Where an envelope for a company hosted on this node is "sent": it never leaves the node. */
export const ON_NODE_ENDPOINT = 'node:local';

/**
 * Seals `out` into an envelope signed by the sender and writes it to the outbox within `tx`; returns
 * the stored message. For a company hosted on this node the row carries ON_NODE_ENDPOINT.
 */
export async function sealToOutbox(
  deps: Deps,
  tx: Repositories,
  out: Outgoing,
  signingKey?: StoredKey,
): Promise<Sealed> {
  const remote = await tx.partners.getRemote(out.to);
  const receiver = remote ? null : await tx.companies.get(out.to);
  if (!remote && !receiver)
    throw new DomainError(
      'validation_failed',
      `partner ${out.to} is neither hosted on this node nor a partner on another node`,
    );
  const sender = await tx.companies.get(out.from);
  const key = signingKey ?? signingKeyAt(await tx.partners.keys(out.from), out.at);
  if (!sender || !key)
    throw new DomainError('conflict', `company ${out.from} has no valid signing key to send with`);
  const seq = out.opensConversation ? 1 : await tx.outbox.nextSeq(out.from, out.to, out.conversationId);
  const { jws, fields } = await sealEnvelope(
    {
      messageId: deps.network.newMessageId(),
      conversationId: out.conversationId,
      seq,
      sender: primaryIdentifier(sender),
      receiver: remote ? remote.participant : primaryIdentifier(receiver!),
      documentType: out.payload.documentType,
      createdAt: out.at,
    },
    out.payload.bytes,
    key,
  );
  const message: OutboxMessage = {
    id: fields.messageId,
    companyId: out.from,
    peerCompanyId: out.to,
    conversationId: out.conversationId,
    seq,
    documentType: out.payload.documentType,
    endpointUrl: remote ? remote.endpointUrl : ON_NODE_ENDPOINT,
    envelope: jws,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: out.at,
    lastError: null,
    receipt: null,
    createdAt: out.at,
    deliveredAt: null,
    documentId: out.payload.documentId ?? null,
  };
  await tx.outbox.insert(message);
  return { message, sender, receiver };
}

/** A sealed outbox message, with the companies it was sealed for (the receiver when hosted here). */
export interface Sealed {
  message: OutboxMessage;
  sender: Company;
  receiver: Company | null;
}
