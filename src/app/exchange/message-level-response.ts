// Message Level Responses over the network (Peppol MLR, UBL ApplicationResponse). A receiver that cannot
// apply a message on business grounds answers with an MLR, code RE, through its outbox; the sender's node
// records it on the message it answers (and on that message's document), where it becomes a task. The
// MLR references the envelope's message ID, as a Peppol MLR references the transport message it answers.
// An MLR is never answered with an MLR, so two nodes cannot start a loop.
import { DomainError } from '../../domain/errors.ts';
import { partnerOf } from '../../domain/order-types.ts';
import { writeApplicationResponse } from '../../documents/application-response-writer.ts';
import type { MessageLevelResponseDocument } from '../../documents/document-model.ts';
import type { Finding } from '../../documents/validation-types.ts';
import type { EnvelopeFields } from '../../network/envelope.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import { sealToOutbox } from './outbox.ts';
import type { Mapped, Parties } from './received-payload.ts';

export const MLR_TYPE = 'MessageLevelResponse';

const endpoint = (participant: string) => {
  const at = participant.indexOf(':');
  return { scheme: participant.slice(0, at), value: participant.slice(at + 1) };
};

/** The most a description carries; the line responses hold the rest. */
const MAX_DESCRIPTION = 1000;

/**
 * Queues an MLR with code RE for a message that failed (within the transaction that records the
 * failure). `subject` names the document that failed, e.g. "OrderChange PO-1-OC-3".
 */
export async function queueRejection(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  failure: { reason: string; findings: Finding[]; subject: string | null },
): Promise<string | null> {
  if (fields.documentType === MLR_TYPE) return null;
  // The receiver's own changes to the order number their messages under this lock too (nextSeq).
  await tx.orders.getForUpdate(parties.receiver.id, fields.conversationId);
  const at = deps.now().toISOString();
  const fatal = failure.findings.filter((f) => f.severity === 'fatal');
  const rules = fatal.length ? ` (${[...new Set(fatal.map((f) => f.rule))].join(', ')})` : '';
  const description = `${failure.subject ? `${failure.subject}: ` : ''}${failure.reason}${rules}`;
  const xml = writeApplicationResponse({
    sender: endpoint(fields.receiver),
    receiver: endpoint(fields.sender),
    documentNumber: fields.messageId,
    responseId: deps.newId(),
    issueDate: at.slice(0, 10),
    code: 'RE',
    description: description.slice(0, MAX_DESCRIPTION),
    findings: fatal,
  });
  // Only a message that came over HTTP can fail this way, so its sender is on another node and the MLR
  // goes out through the outbox worker: a company on this node is refused at once instead (the sender's
  // transaction fails, deliver-on-node.ts), with nothing to answer.
  const sealed = await sealToOutbox(deps, tx, {
    from: parties.receiver.id,
    to: parties.sender.id,
    conversationId: fields.conversationId,
    payload: { documentType: MLR_TYPE, bytes: new TextEncoder().encode(xml) },
    at,
  });
  if (sealed.receiver)
    throw new Error(
      `an MLR for ${parties.sender.name}, a company on this node, cannot be sent through the outbox`,
    );
  return sealed.message.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records a partner's MLR on what it answers; changes no order. An MLR the partner's node wrote names the
 * envelope's message id (see queueRejection): it is stored on that outbox message and on the document the
 * message carried. An MLR from the partner's own system, forwarded by its node, names the document's ID
 * (e.g. the order number): it is stored on the document this company sent the partner under that ID, and
 * kept unattached (recorded) when the company holds no such document (one written by its node, say). An
 * unknown message id is refused: that MLR is about another company's message.
 */
export async function recordPartnerResponse(
  tx: Repositories,
  parties: Parties,
  doc: MessageLevelResponseDocument,
  documentId: string,
  at: string,
  conversationId: string,
): Promise<Mapped> {
  const response = {
    code: doc.responseCode,
    description: doc.description,
    documentId,
    issues: doc.issues,
    at,
  };
  const summary = (respondsTo: string | null) => ({
    action: 'response_recorded',
    code: doc.responseCode,
    respondsTo,
    referencedId: doc.referencedId,
  });
  const orderOf = async (id: string | undefined) => {
    const copy = id ? await tx.orders.get(parties.receiver.id, id) : null;
    return copy && partnerOf(copy).companyId === parties.sender.id ? copy.id : null;
  };
  const message = UUID.test(doc.referencedId)
    ? await tx.outbox.getOf(parties.receiver.id, doc.referencedId)
    : null;
  if (message && message.peerCompanyId === parties.sender.id) {
    await tx.outbox.setPartnerResponse(message.id, response);
    if (message.documentId) await tx.documents.setPartnerResponse(message.documentId, response);
    return { message: null, orderId: await orderOf(message.conversationId), summary: summary(message.id) };
  }
  const [sent] = await tx.documents.findSentTo(parties.receiver.id, parties.sender.id, doc.referencedId);
  // A message id the company never sent the partner: a node's MLR about someone else's message.
  if (!sent && UUID.test(doc.referencedId))
    throw new DomainError(
      'not_found',
      `the MessageLevelResponse ${doc.documentId} answers message ${doc.referencedId}, which ${parties.receiver.name} did not send to ${parties.sender.name}`,
      { field: 'cac:DocumentResponse/cac:DocumentReference/cbc:ID' },
    );
  if (sent) await tx.documents.setPartnerResponse(sent.id, response);
  return {
    message: null,
    orderId: (await orderOf(sent?.orderIds[0])) ?? (await orderOf(conversationId)),
    summary: summary(sent?.id ?? null),
  };
}
