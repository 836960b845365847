// Delivery to a company hosted on the same node. It takes the path an envelope from another node takes —
// the signed envelope written to the sender's outbox, opened and checked like at the HTTP inbox (sender
// key, receiver, time window, signature, digest), deduplicated, stored byte-exact in the receiver's inbox,
// its document validated, read and mapped onto the receiver's own copy, a receipt signed by the receiver,
// verified and stored on the outbox row as proof of delivery — only without the HTTP hop, inside the
// sender's transaction. So the two copies still change together or not at all, and a refusal is the
// sender's error at once (nothing to retry, no Message Level Response needed).
import { primaryIdentifier, type Company } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { EnvelopeRejected, openEnvelope } from '../../network/envelope.ts';
import { verifyReceipt } from '../../network/receipt.ts';
import type { OutboxMessage } from '../../storage/outbox-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import type { StoredKey } from '../../network/keys.ts';
import type { CheckedDocument } from '../../documents/validate-document.ts';
import { sealToOutbox, type Outgoing } from './outbox.ts';
import { receiptFor, storeInbound } from './inbox-processing.ts';

/**
 * Delivers an outbox row addressed to a company on this node, within the sender's transaction `tx`;
 * `parties` are the two hosted companies the row was sealed for.
 */
export async function deliverOnNode(
  deps: Deps,
  tx: Repositories,
  message: OutboxMessage,
  parties: { sender: Company; receiver: Company },
  checked?: CheckedDocument,
): Promise<void> {
  const { metrics } = deps.network;
  const start = deps.now();
  const { sender, receiver } = parties;
  let opened;
  try {
    opened = await openEnvelope(message.envelope, {
      // The sender is hosted here: its keys are the ones this node holds for it.
      keysOf: async (participant) =>
        participant === primaryIdentifier(sender) ? tx.partners.keys(sender.id) : null,
      hosts: (participant) => Promise.resolve(participant === primaryIdentifier(receiver)),
      now: start,
      windowMs: deps.network.windowMs,
    });
  } catch (e) {
    if (!(e instanceof EnvelopeRejected)) throw e;
    metrics.rejectedInbound.inc({ reason: e.reason });
    throw new DomainError(
      'conflict',
      `the partner's inbox refused the ${message.documentType}: ${e.message}`,
      {
        reason: e.reason,
      },
    );
  }
  const { fields } = opened;
  const stored = await storeInbound(deps, tx, parties, opened, message.envelope, null, checked).catch(
    (e: unknown) => {
      // The receiver's refusal is about its copy and the document it received: the sender learns that
      // the partner refused and why, not the receiver's field paths or allowed actions.
      if (!(e instanceof DomainError)) throw e;
      throw new DomainError(
        e.code,
        `${receiver.name} could not apply this ${message.documentType} to its copy: ${e.message}`,
        { reason: 'partner_refused' },
      );
    },
  );
  // The sender's own outbox numbers the conversation under the order's row lock, and every message
  // before this one was applied in its own transaction: it is always the next one.
  if (!stored || stored.duplicate || stored.status !== 'applied')
    throw new DomainError(
      'conflict',
      `the ${message.documentType} (message ${fields.messageId}, seq ${fields.seq}) could not be applied in sequence by ${receiver.name}; try again`,
      { reason: 'seq_conflict' },
    );
  const receiverKeys = await tx.partners.keys(receiver.id);
  const receipt = await receiptFor(deps, receiverKeys, parties, fields, stored);
  const verified = await verifyReceipt(receipt, receiverKeys, {
    messageId: fields.messageId,
    payloadSha256: fields.payloadSha256,
  });
  const done = deps.now();
  await tx.outbox.markDelivered(message.id, receipt, done.toISOString(), verified);
  // Counted before commit: a transaction rolled back after this point (rare: a despatch whose next order
  // fails) leaves the counters one ahead, which metrics tolerate.
  metrics.receivedInbound.inc({ outcome: 'applied' });
  metrics.deliveries.inc({ peer: fields.receiver });
  metrics.deliveryLatency.observe(Math.max(0, done.getTime() - start.getTime()) / 1000);
}

/**
 * Sends `out` within `tx`: to a partner on another node through the outbox (the worker delivers it after
 * commit), to a company on this node through the outbox row and the inbox at once. Returns the message id.
 */
export async function queueEnvelope(
  deps: Deps,
  tx: Repositories,
  out: Outgoing,
  signingKey?: StoredKey,
): Promise<string> {
  const { message, sender, receiver } = await sealToOutbox(deps, tx, out, signingKey);
  if (receiver) await deliverOnNode(deps, tx, message, { sender, receiver }, out.payload.checked);
  return message.id;
}
