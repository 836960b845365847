// Message Level Responses over the network (Peppol MLR, UBL ApplicationResponse). A receiver that cannot
// apply a message on business grounds answers with an MLR, code RE, through its outbox; the sender's node
// records it on the message it answers (and on that message's document), where it becomes a task. The
// MLR references the envelope's message ID, as a Peppol MLR references the transport message it answers.
// An MLR is never answered with an MLR, so two nodes cannot start a loop.
import { DomainError } from '../domain/errors.ts';
import { writeApplicationResponse } from '../documents/application-response-writer.ts';
import type { MessageLevelResponseDocument } from '../documents/document-model.ts';
import type { Finding } from '../documents/validation-types.ts';
import type { EnvelopeFields } from '../network/envelope.ts';
import type { Repositories } from '../storage/store.ts';
import type { Deps } from './deps.ts';
import { queueEnvelope } from './network-partner-channel.ts';
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
  return queueEnvelope(deps, tx, {
    from: parties.receiver.id,
    to: parties.sender.id,
    conversationId: fields.conversationId,
    payload: { documentType: MLR_TYPE, bytes: new TextEncoder().encode(xml) },
    at,
  });
}

/** Records a partner's MLR on the message it answers (and that message's document); changes no order. */
export async function recordPartnerResponse(
  tx: Repositories,
  parties: Parties,
  doc: MessageLevelResponseDocument,
  documentId: string,
  at: string,
): Promise<Mapped> {
  const answered = await tx.outbox.getOf(parties.receiver.id, doc.referencedId);
  if (!answered || answered.peerCompanyId !== parties.sender.id)
    throw new DomainError(
      'not_found',
      `the MessageLevelResponse ${doc.documentId} answers message ${doc.referencedId}, which ${parties.receiver.name} did not send to ${parties.sender.name}`,
      { field: 'cac:DocumentResponse/cac:DocumentReference/cbc:ID' },
    );
  const response = {
    code: doc.responseCode,
    description: doc.description,
    documentId,
    issues: doc.issues,
    at,
  };
  await tx.outbox.setPartnerResponse(answered.id, response);
  if (answered.documentId) await tx.documents.setPartnerResponse(answered.documentId, response);
  return {
    message: null,
    orderId: (await tx.orders.get(parties.receiver.id, answered.conversationId))?.id ?? null,
    summary: {
      action: 'response_recorded',
      code: doc.responseCode,
      respondsTo: answered.id,
      referencedId: doc.referencedId,
    },
  };
}
