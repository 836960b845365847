// Use case: a partner's node delivers an envelope to this node's inbox. The envelope is verified
// (signature against the pinned key, receiver hosted here, timestamp window, payload digest); a refusal
// is a transport error and nothing is stored. An accepted envelope is stored with its processing result
// in one transaction: applied to the receiver's copy when it is next in its conversation's sequence,
// parked when it arrived early (applied when the gap fills), or failed on business grounds (kept with
// the reason; the sender is not asked to retry). The answer is a receipt signed by the receiver.
import { primaryIdentifier, type Company } from '../domain/company-types.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { createOrder } from '../domain/order-create.ts';
import type { Actor } from '../domain/order-events.ts';
import type { Order, PartyInfo } from '../domain/order-types.ts';
import { detectDocument } from '../documents/document-detection.ts';
import { readDocument } from '../documents/document-reader.ts';
import { mapOrderResponse } from '../documents/order-response-mapper.ts';
import { parseXml } from '../documents/xml-parser.ts';
import { ACTION_PAYLOAD_TYPE, readActionPayload } from '../network/action-payload.ts';
import {
  EnvelopeRejected,
  openEnvelope,
  type EnvelopeFields,
  type RejectReason,
} from '../network/envelope.ts';
import { signingKeyAt } from '../network/keys.ts';
import { signReceipt, type Receipt } from '../network/receipt.ts';
import type { InboxMessage, InboxStatus } from '../storage/inbox-repository.ts';
import type { Repositories } from '../storage/store.ts';
import type { Deps } from './deps.ts';
import { applyPartnerMessage, type PartnerMessage } from './partner-channel.ts';
import {
  isKeyAnnouncement,
  receiveKeyAnnouncement,
  refusedAnnouncement,
} from './receive-key-announcement.ts';

export interface ReceiveResult {
  /** The signed receipt (JWS) for the sender. */
  receipt: string;
  duplicate: boolean;
  status: InboxStatus;
}

const REJECT_CODE: Record<RejectReason, ErrorCode> = {
  malformed: 'validation_failed',
  stale_timestamp: 'validation_failed',
  digest_mismatch: 'validation_failed',
  wrong_receiver: 'not_found',
  unknown_sender: 'unauthenticated',
  unknown_key: 'unauthenticated',
  key_not_valid: 'unauthenticated',
  bad_signature: 'unauthenticated',
};

/** The company holding participant id `scheme:value` on this node. */
async function companyOf(tx: Repositories, participant: string): Promise<Company | null> {
  const at = participant.indexOf(':');
  if (at < 1) return null;
  return tx.companies.findByIdentifier(participant.slice(0, at), participant.slice(at + 1));
}

const partyOf = (c: Company): PartyInfo => ({
  companyId: c.id,
  name: c.name,
  identifier: primaryIdentifier(c),
});

const actorOf = (c: Company): Actor => ({
  companyId: c.id,
  companyName: c.name,
  userId: null,
  tokenId: null,
  name: c.name,
});

/** Maps a received payload against the receiver's own copy into the change the local channel applies. */
async function messageFor(
  tx: Repositories,
  receiver: Company,
  sender: Company,
  fields: EnvelopeFields,
  payload: Uint8Array,
): Promise<PartnerMessage> {
  const at = fields.createdAt;
  const meta = { actor: actorOf(sender), at, documentId: null };
  if (fields.documentType === ACTION_PAYLOAD_TYPE) {
    const p = readActionPayload(payload);
    return {
      kind: 'order.action',
      orderId: fields.conversationId,
      from: sender.id,
      action: p.action,
      actorRole: p.actorRole,
      ...meta,
    };
  }
  const root = parseXml(payload);
  const doc = readDocument(root, detectDocument(root));
  if (doc.documentType !== fields.documentType)
    throw new DomainError(
      'validation_failed',
      `the envelope says ${fields.documentType}, the payload is ${doc.documentType}`,
    );
  if (doc.documentType === 'Order' && doc.orderType === 'new') {
    const { order, events } = createOrder(
      doc.order,
      { orderId: fields.conversationId, buyer: partyOf(sender), seller: partyOf(receiver) },
      at,
    );
    return { kind: 'order.issued', order, events, ...meta };
  }
  if (doc.documentType === 'OrderResponse') {
    const copy = await ownCopy(tx, receiver, fields.conversationId);
    const mapped = mapOrderResponse(copy, doc);
    return {
      kind: 'order.action',
      orderId: copy.id,
      from: sender.id,
      action: { type: 'respond', answers: mapped.answers },
      actorRole: 'seller',
      ...meta,
    };
  }
  throw new DomainError('validation_failed', `${doc.documentType} is not yet accepted over the network`);
}

async function ownCopy(tx: Repositories, receiver: Company, orderId: string): Promise<Order> {
  const copy = await tx.orders.get(receiver.id, orderId);
  if (!copy) throw new DomainError('not_found', `order ${orderId} is unknown to ${receiver.name}`);
  return copy;
}

/** The JWS payload of a stored (already verified) envelope. */
const payloadOfStored = (jws: string): Uint8Array => Buffer.from(jws.split('.')[1] ?? '', 'base64url');

interface Parties {
  receiver: Company;
  sender: Company;
}

/** Applies a stored, next-in-sequence message, or records its business failure. */
async function apply(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  failure: DomainError | Error | null,
): Promise<InboxStatus> {
  const now = deps.now().toISOString();
  if (failure) {
    await tx.inbox.markProcessed(
      fields.sender,
      fields.messageId,
      'failed',
      { error: failure.message, ...(failure instanceof DomainError ? { code: failure.code } : {}) },
      now,
    );
    return 'failed';
  }
  const message = await messageFor(tx, parties.receiver, parties.sender, fields, payload);
  await applyPartnerMessage(tx, parties.receiver.id, message, deps.newId);
  await tx.inbox.markProcessed(fields.sender, fields.messageId, 'applied', { kind: message.kind }, now);
  return 'applied';
}

/** Errors that are the document's fault (business level), as opposed to this node's failures. */
const isBusinessError = (e: unknown): e is Error =>
  e instanceof DomainError ||
  e instanceof SyntaxError ||
  (e instanceof Error && /SchakelOrderAction|ActorRole|ActionType/.test(e.message));

/** Runs `work` in a transaction; a business error rolls it back and `work` runs again to record it. */
async function withFailureRecord<T>(
  deps: Deps,
  work: (tx: Repositories, failure: Error | null) => Promise<T>,
) {
  try {
    return await deps.store.transaction((tx) => work(tx, null));
  } catch (e) {
    if (!isBusinessError(e)) throw e;
    return deps.store.transaction((tx) => work(tx, e));
  }
}

/** Applies envelopes that were parked waiting for the one just processed. */
async function drainParked(deps: Deps, parties: Parties, conversationId: string): Promise<void> {
  for (;;) {
    const done = await withFailureRecord(deps, async (tx, failure) => {
      await tx.inbox.lockConversation(parties.receiver.id, conversationId);
      const last = await tx.inbox.lastProcessedSeq(parties.receiver.id, parties.sender.id, conversationId);
      const next: InboxMessage | null = await tx.inbox.parked(
        parties.receiver.id,
        parties.sender.id,
        conversationId,
        last + 1,
      );
      if (!next) return true;
      const fields = JSON.parse(
        Buffer.from(next.envelope.split('.')[0]!, 'base64url').toString(),
      ) as EnvelopeFields;
      await apply(deps, tx, parties, fields, payloadOfStored(next.envelope), failure);
      return false;
    });
    if (done) return;
  }
}

/** Verifies, stores and (in sequence) applies an envelope; returns the signed receipt. */
export async function receiveEnvelope(deps: Deps, jws: string): Promise<ReceiveResult> {
  const now = deps.now();
  const store = deps.store;
  const hosted = async (participant: string) => {
    const c = await companyOf(store, participant);
    return c && !(await store.partners.getRemote(c.id)) ? c : null;
  };
  let opened;
  try {
    opened = await openEnvelope(jws, {
      keysOf: async (participant) => {
        const c = await companyOf(store, participant);
        return c && (await store.partners.getRemote(c.id)) ? store.partners.keys(c.id) : null;
      },
      hosts: async (participant) => (await hosted(participant)) !== null,
      now,
      windowMs: deps.network.windowMs,
    });
  } catch (e) {
    if (!(e instanceof EnvelopeRejected)) throw e;
    const refused = refusedAnnouncement(deps, jws, e);
    if (refused) throw refused;
    deps.network.metrics.rejectedInbound.inc({ reason: e.reason });
    throw new DomainError(REJECT_CODE[e.reason], `envelope refused: ${e.message}`, { reason: e.reason });
  }
  if (isKeyAnnouncement(opened)) return receiveKeyAnnouncement(deps, opened, jws);
  const { fields, payload } = opened;
  const parties: Parties = {
    receiver: (await hosted(fields.receiver))!,
    sender: (await companyOf(store, fields.sender))!,
  };
  const receivedAt = now.toISOString();
  const outcome = await withFailureRecord(deps, async (tx, failure) => {
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
    const last = await tx.inbox.lastProcessedSeq(
      parties.receiver.id,
      parties.sender.id,
      fields.conversationId,
    );
    if (fields.seq !== last + 1) return { duplicate: false, status: 'parked' as const, receivedAt };
    return { duplicate: false, status: await apply(deps, tx, parties, fields, payload, failure), receivedAt };
  });
  if (!outcome) {
    deps.network.metrics.rejectedInbound.inc({ reason: 'seq_conflict' });
    throw new DomainError(
      'conflict',
      `seq ${fields.seq} of conversation ${fields.conversationId} was already used by another message`,
      { reason: 'seq_conflict' },
    );
  }
  if (!outcome.duplicate && outcome.status !== 'parked')
    await drainParked(deps, parties, fields.conversationId);
  deps.network.metrics.receivedInbound.inc({ outcome: outcome.duplicate ? 'duplicate' : outcome.status });
  const key = signingKeyAt(await store.partners.keys(parties.receiver.id), receivedAt);
  if (!key) throw new Error(`company ${parties.receiver.name} has no signing key`);
  const receipt: Receipt = {
    messageId: fields.messageId,
    payloadSha256: fields.payloadSha256,
    receivedAt: outcome.receivedAt,
    sender: fields.sender,
    receiver: fields.receiver,
    status: outcome.duplicate ? 'duplicate' : 'accepted',
  };
  return { receipt: await signReceipt(receipt, key), duplicate: outcome.duplicate, status: outcome.status };
}
