// The receiving core every envelope goes through once its signature checked out, whether it came over
// HTTP from another node (receive-envelope.ts) or from a company on this node (deliver-on-node.ts): in
// one transaction, deduplicate on (sender, message id), store the signed bytes, apply the message when it
// is next in its conversation's sequence (or park it until the gap fills), record the result; then a
// receipt signed by the receiver.
import { DomainError } from '../../domain/errors.ts';
import { ACTION_PAYLOAD_TYPE } from '../../network/action-payload.ts';
import type { EnvelopeFields, OpenedEnvelope } from '../../network/envelope.ts';
import { signingKeyAt, type StoredKey } from '../../network/keys.ts';
import { signReceipt, type Receipt } from '../../network/receipt.ts';
import type { InboxMessage, InboxStatus } from '../../storage/inbox-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import type { CheckedDocument } from '../../documents/validate-document.ts';
import type { Deps } from '../deps.ts';
import { queueRejection } from './message-level-response.ts';
import { locatedIn } from '../documents/index.ts';
import { applyPartnerMessage, type OrderChange } from '../orders/index.ts';
import {
  applyReceivedDocument,
  documentSubject,
  findingsOf,
  recordFailedDocument,
} from './received-document.ts';
import { mapActionPayload, type Parties } from './received-payload.ts';

/** The JWS payload of a stored (already verified) envelope. */
const payloadOfStored = (jws: string): Uint8Array => Buffer.from(jws.split('.')[1] ?? '', 'base64url');

/** What processing a message came to: its final status and result, and the live-update notice. */
interface Processed {
  status: 'applied' | 'failed';
  result: Record<string, unknown>;
  notice: OrderChange | null;
}

/**
 * Applies a next-in-sequence message, or records its business failure (the document kept as rejected,
 * an MLR queued back); the caller stores the inbox row's outcome.
 */
async function apply(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  failure: DomainError | Error | null,
  checked?: CheckedDocument,
): Promise<Processed> {
  if (failure) {
    const documentId = await recordFailedDocument(deps, tx, parties, fields, payload, failure);
    const findings = failure instanceof DomainError ? findingsOf(failure) : [];
    const response = await queueRejection(deps, tx, parties, fields, {
      reason: failure.message,
      findings,
      subject: documentSubject(fields, payload),
    });
    const result = {
      error: failure.message,
      ...(failure instanceof DomainError ? { code: failure.code } : {}),
      ...(documentId ? { documentId } : {}),
      ...(response ? { responseMessageId: response } : {}),
    };
    return { status: 'failed', result, notice: null };
  }
  const action = fields.documentType === ACTION_PAYLOAD_TYPE;
  const { mapped, documentId } = action
    ? {
        mapped: await malformedIsRefused(() => mapActionPayload(tx, parties, fields, payload)),
        documentId: null,
      }
    : await applyReceivedDocument(deps, tx, parties, fields, payload, checked);
  const message = mapped.message;
  if (message) {
    // A refusal names the place in the document, as an import's refusal does.
    const applying = () =>
      locatedIn(mapped.paths ?? {}, () => applyPartnerMessage(tx, parties.receiver.id, message, deps.newId));
    await (action ? malformedIsRefused(applying) : applying());
  }
  const notice: OrderChange | null =
    mapped.message && mapped.orderId && mapped.orderNumber !== undefined
      ? {
          orderId: mapped.orderId,
          orderNumber: mapped.orderNumber,
          action: mapped.message.kind === 'order.issued' ? 'issue' : mapped.message.action.type,
          byCompanyId: parties.sender.id,
          at: deps.now().toISOString(),
        }
      : null;
  return { status: 'applied', result: { ...mapped.summary, ...(documentId ? { documentId } : {}) }, notice };
}

/**
 * A SchakelOrderAction carries the action as JSON, whose shape only the domain checks as it goes: a
 * TypeError or RangeError while mapping or applying it (`{"decisions": null}`) is the payload's fault, a
 * refusal like any invalid document, not this node's failure that the sender would retry forever.
 */
async function malformedIsRefused<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError)
      throw new DomainError('validation_failed', `the ${ACTION_PAYLOAD_TYPE} is malformed: ${e.message}`);
    throw e;
  }
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

/** What the inbox answers a delivered envelope with. */
export interface ReceiveResult {
  /** The signed receipt (JWS) for the sender. */
  receipt: string;
  duplicate: boolean;
  status: InboxStatus;
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

/** The inbox row of a message arriving over an envelope, in the state given. */
function rowOf(
  parties: Parties,
  fields: EnvelopeFields,
  jws: string,
  receivedAt: string,
  outcome: Pick<InboxMessage, 'status' | 'result' | 'processedAt'>,
): InboxMessage {
  return {
    sender: fields.sender,
    messageId: fields.messageId,
    receiverCompanyId: parties.receiver.id,
    senderCompanyId: parties.sender.id,
    conversationId: fields.conversationId,
    seq: fields.seq,
    documentType: fields.documentType,
    envelope: jws.trim(),
    receivedAt,
    ...outcome,
  };
}

/**
 * Stores a verified envelope in `tx` and applies it when it is next in sequence: `failure` set records
 * it as failed instead (the business error of a first attempt that was rolled back). Null when another
 * message already holds its seq in the conversation. Under the conversation's lock one statement reads
 * where the conversation stands; a message applied at once is stored with its outcome in one insert.
 */
export async function storeInbound(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  opened: OpenedEnvelope,
  jws: string,
  failure: Error | null,
  checked?: CheckedDocument,
): Promise<Stored | null> {
  const { fields, payload } = opened;
  const receivedAt = deps.now().toISOString();
  await tx.inbox.lockConversation(parties.receiver.id, fields.conversationId);
  const state = await tx.inbox.sequenceState(
    { receiver: parties.receiver.id, sender: parties.sender.id, conversationId: fields.conversationId },
    { sender: fields.sender, messageId: fields.messageId, seq: fields.seq },
  );
  if (state.existing) return { duplicate: true, ...state.existing };
  if (state.seqTaken) return null;
  if (fields.seq !== state.lastProcessed + 1) {
    const row = rowOf(parties, fields, jws, receivedAt, { status: 'parked', result: {}, processedAt: null });
    return (await tx.inbox.insert(row)) ? { duplicate: false, status: 'parked', receivedAt } : null;
  }
  const processed = await apply(deps, tx, parties, fields, payload, failure, checked);
  const row = rowOf(parties, fields, jws, receivedAt, {
    status: processed.status,
    result: processed.result,
    processedAt: deps.now().toISOString(),
  });
  // Checked under the lock above; a conflict here (the same message id in another conversation at the
  // same moment) undoes the change, and the sender's retry is answered as a duplicate.
  if (!(await tx.inbox.insert(row)))
    throw new Error(`inbox: message ${fields.messageId} from ${fields.sender} was stored meanwhile`);
  return {
    duplicate: false,
    status: processed.status,
    receivedAt,
    notice: processed.notice,
    parkedWaiting: state.parkedWaiting,
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
      const processed = await apply(deps, tx, parties, fields, payloadOfStored(next.envelope), failure);
      const at = deps.now().toISOString();
      await tx.inbox.markProcessed(next.sender, next.messageId, processed.status, processed.result, at);
      return processed;
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
  keys: StoredKey[],
  parties: Parties,
  fields: EnvelopeFields,
  stored: Stored,
): Promise<string> {
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
