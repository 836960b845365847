// Use case: a partner's node delivers an envelope to this node's inbox. The envelope is verified
// (signature against the pinned key, receiver hosted here, timestamp window, payload digest); a refusal
// is a transport error and nothing is stored. An accepted envelope is stored with its processing result
// in one transaction: applied to the receiver's copy when it is next in its conversation's sequence,
// parked when it arrived early (applied when the gap fills), or failed on business grounds (kept with
// the reason; the sender is not asked to retry, a MessageLevelResponse RE goes back to it instead).
// Applied changes are announced on the change feed after commit. The answer is a receipt signed by the
// receiver.
import type { Company } from '../domain/company-types.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { ACTION_PAYLOAD_TYPE } from '../network/action-payload.ts';
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
import { queueRejection } from './message-level-response.ts';
import type { OrderChange } from './order-changes.ts';
import { applyPartnerMessage } from './partner-channel.ts';
import {
  isKeyAnnouncement,
  receiveKeyAnnouncement,
  refusedAnnouncement,
} from './receive-key-announcement.ts';
import {
  applyReceivedDocument,
  documentSubject,
  findingsOf,
  recordFailedDocument,
} from './received-document.ts';
import { mapActionPayload, type Parties } from './received-payload.ts';

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
  const order =
    mapped.message && mapped.orderId && (await tx.orders.get(parties.receiver.id, mapped.orderId));
  const notice: OrderChange | null = order
    ? {
        orderId: order.id,
        orderNumber: order.number,
        action: mapped.message!.kind === 'order.issued' ? 'issue' : mapped.message!.action.type,
        byCompanyId: parties.sender.id,
        at: now,
      }
    : null;
  return { status: 'applied', notice };
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

/** Tells the receiver's open screens about a committed change (the change feed never throws). */
function announce(deps: Deps, parties: Parties, notice: OrderChange | null): void {
  if (notice) deps.changes.publish([parties.receiver.id], notice);
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
    const processed = await apply(deps, tx, parties, fields, payload, failure);
    return { duplicate: false, status: processed.status, receivedAt, notice: processed.notice };
  });
  if (!outcome) {
    deps.network.metrics.rejectedInbound.inc({ reason: 'seq_conflict' });
    throw new DomainError(
      'conflict',
      `seq ${fields.seq} of conversation ${fields.conversationId} was already used by another message`,
      { reason: 'seq_conflict' },
    );
  }
  if ('notice' in outcome) announce(deps, parties, outcome.notice ?? null);
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
