// The receiving core every envelope goes through once its signature checked out, whether it came over
// HTTP from another node (receive-envelope.ts) or from a company on this node (deliver-on-node.ts): in
// one transaction, deduplicate on (sender, message id), store the signed bytes, apply the message when it
// is next in its conversation's sequence (or park it until the gap fills), record the result; then a
// receipt signed by the receiver.
import { DomainError } from '../domain/errors.ts';
import { ACTION_PAYLOAD_TYPE } from '../network/action-payload.ts';
import type { EnvelopeFields, OpenedEnvelope } from '../network/envelope.ts';
import { signingKeyAt } from '../network/keys.ts';
import { signReceipt, type Receipt } from '../network/receipt.ts';
import type { InboxMessage, InboxStatus } from '../storage/inbox-repository.ts';
import type { Repositories } from '../storage/store.ts';
import type { Deps } from './deps.ts';
import { queueRejection } from './message-level-response.ts';
import type { OrderChange } from './order-changes.ts';
import { applyPartnerMessage } from './partner-channel.ts';
import {
  applyReceivedDocument,
  documentSubject,
  findingsOf,
  recordFailedDocument,
} from './received-document.ts';
import { mapActionPayload, type Parties } from './received-payload.ts';

/** The JWS payload of a stored (already verified) envelope. */
const payloadOfStored = (jws: string): Uint8Array => Buffer.from(jws.split('.')[1] ?? '', 'base64url');

/** What a processed message did, for the live-update notice after commit. */
interface Processed {
  status: InboxStatus;
  notice: OrderChange | null;
}

/** Applies a stored, next-in-sequence message, or records its business failure. */
async function apply(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  failure: DomainError | Error | null,
): Promise<Processed> {
  const now = deps.now().toISOString();
  if (failure) {
    const documentId = await recordFailedDocument(deps, tx, parties, fields, payload, failure);
    const findings = failure instanceof DomainError ? findingsOf(failure) : [];
    const response = await queueRejection(deps, tx, parties, fields, {
      reason: failure.message,
      findings,
      subject: documentSubject(fields, payload),
    });
    await tx.inbox.markProcessed(
      fields.sender,
      fields.messageId,
      'failed',
      {
        error: failure.message,
        ...(failure instanceof DomainError ? { code: failure.code } : {}),
        ...(documentId ? { documentId } : {}),
        ...(response ? { responseMessageId: response } : {}),
      },
      now,
    );
    return { status: 'failed', notice: null };
  }
  const { mapped, documentId } =
    fields.documentType === ACTION_PAYLOAD_TYPE
      ? { mapped: await mapActionPayload(tx, parties, fields, payload), documentId: null }
      : await applyReceivedDocument(deps, tx, parties, fields, payload);
  if (mapped.message) await applyPartnerMessage(tx, parties.receiver.id, mapped.message, deps.newId);
  await tx.inbox.markProcessed(
    fields.sender,
    fields.messageId,
    'applied',
    { ...mapped.summary, ...(documentId ? { documentId } : {}) },
    now,
  );
  const notice: OrderChange | null =
    mapped.message && mapped.orderId && mapped.orderNumber !== undefined
      ? {
          orderId: mapped.orderId,
          orderNumber: mapped.orderNumber,
          action: mapped.message.kind === 'order.issued' ? 'issue' : mapped.message.action.type,
          byCompanyId: parties.sender.id,
          at: now,
        }
      : null;
  return { status: 'applied', notice };
}

/** Errors that are the document's fault (business level), as opposed to this node's failures. */
export const isBusinessError = (e: unknown): e is Error =>
  e instanceof DomainError ||
  e instanceof SyntaxError ||
  (e instanceof Error && /SchakelOrderAction|ActorRole|ActionType/.test(e.message));

/** Runs `work` in a transaction; a business error rolls it back and `work` runs again to record it. */
export async function withFailureRecord<T>(
  deps: Deps,
  work: (tx: Repositories, failure: Error | null) => Promise<T>,
): Promise<T> {
  try {
    return await deps.store.transaction((tx) => work(tx, null));
  } catch (e) {
    if (!isBusinessError(e)) throw e;
    return deps.store.transaction((tx) => work(tx, e));
  }
}

/** What storing an envelope came to. */
export interface Stored {
  duplicate: boolean;
  status: InboxStatus;
  /** When it was first received (a duplicate keeps the first time). */
  receivedAt: string;
  /** The live-update notice of the change it applied, if any. */
  notice?: OrderChange | null;
  /** Whether later messages of the conversation are parked, waiting for this one (drainParked). */
  parkedWaiting?: boolean;
}

/**
 * Stores a verified envelope in `tx` and applies it when it is next in sequence: `failure` set records
 * it as failed instead (the business error of a first attempt that was rolled back). Null when another
 * message already holds its seq in the conversation.
 */
export async function storeInbound(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  opened: OpenedEnvelope,
  jws: string,
  failure: Error | null,
): Promise<Stored | null> {
  const { fields, payload } = opened;
  const receivedAt = deps.now().toISOString();
  await tx.inbox.lockConversation(parties.receiver.id, fields.conversationId);
  const existing = await tx.inbox.get(fields.sender, fields.messageId);
  if (existing) return { duplicate: true, status: existing.status, receivedAt: existing.receivedAt };
  const inserted = await tx.inbox.insert({
    sender: fields.sender,
    messageId: fields.messageId,
    receiverCompanyId: parties.receiver.id,
    senderCompanyId: parties.sender.id,
    conversationId: fields.conversationId,
    seq: fields.seq,
    documentType: fields.documentType,
    envelope: jws.trim(),
    status: 'parked',
    result: {},
    receivedAt,
    processedAt: null,
  });
  if (!inserted) return null;
  const last = await tx.inbox.lastProcessedSeq(parties.receiver.id, parties.sender.id, fields.conversationId);
  if (fields.seq !== last + 1) return { duplicate: false, status: 'parked', receivedAt };
  const processed = await apply(deps, tx, parties, fields, payload, failure);
  return {
    duplicate: false,
    status: processed.status,
    receivedAt,
    notice: processed.notice,
    parkedWaiting: await tx.inbox.hasParked(parties.receiver.id, parties.sender.id, fields.conversationId),
  };
}

/** Tells the receiver's open screens about a committed change (the change feed never throws). */
export function announce(deps: Deps, parties: Parties, notice: OrderChange | null | undefined): void {
  if (notice) deps.changes.publish([parties.receiver.id], notice);
}

/** Applies envelopes that were parked waiting for the one just processed. */
export async function drainParked(deps: Deps, parties: Parties, conversationId: string): Promise<void> {
  for (;;) {
    const step = await withFailureRecord(deps, async (tx, failure) => {
      await tx.inbox.lockConversation(parties.receiver.id, conversationId);
      const last = await tx.inbox.lastProcessedSeq(parties.receiver.id, parties.sender.id, conversationId);
      const next: InboxMessage | null = await tx.inbox.parked(
        parties.receiver.id,
        parties.sender.id,
        conversationId,
        last + 1,
      );
      if (!next) return null;
      const fields = JSON.parse(
        Buffer.from(next.envelope.split('.')[0]!, 'base64url').toString(),
      ) as EnvelopeFields;
      return apply(deps, tx, parties, fields, payloadOfStored(next.envelope), failure);
    });
    if (!step) return;
    announce(deps, parties, step.notice);
  }
}

/**
 * The receipt for a stored envelope, signed by the receiver. A duplicate's receipt repeats the first
 * receipt time, so it is signed with a key valid then when there is one (the sender checks the key
 * against that time), else with the current key.
 */
export async function receiptFor(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  stored: Stored,
): Promise<string> {
  const keys = await tx.partners.keys(parties.receiver.id);
  const key = signingKeyAt(keys, stored.receivedAt) ?? signingKeyAt(keys, deps.now().toISOString());
  if (!key) throw new Error(`company ${parties.receiver.name} has no signing key`);
  const receipt: Receipt = {
    messageId: fields.messageId,
    payloadSha256: fields.payloadSha256,
    receivedAt: stored.receivedAt,
    sender: fields.sender,
    receiver: fields.receiver,
    status: stored.duplicate ? 'duplicate' : 'accepted',
  };
  return signReceipt(receipt, key);
}
