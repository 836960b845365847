// A UBL document received from a partner's node is validated like an import (the same validator; a
// fatal finding is a business failure), read, mapped onto the receiver's copy and kept in the receiving
// company's documents (the original bytes byte-exact, type, profile, findings, order link, status and the
// envelope's message ID), in the transaction that records the inbox row. A failed one is kept too, as
// rejected, so that GET /api/v1/documents/{id} shows what arrived and why it was refused.
import { DomainError } from '../../domain/errors.ts';
import { partnerOf } from '../../domain/order-types.ts';
import { detectDocument, type DetectedDocument } from '../../documents/document-detection.ts';
import { readDocument } from '../../documents/document-reader.ts';
import { isUnreadable, parseAndValidate, type CheckedDocument } from '../../documents/validate-document.ts';
import { fatalSummary, type Finding } from '../../documents/validation-types.ts';
import type { XmlElement } from '../../documents/xml-tree.ts';
import { text } from '../../documents/xml-tree.ts';
import { ACTION_PAYLOAD_TYPE } from '../../network/action-payload.ts';
import type { EnvelopeFields } from '../../network/envelope.ts';
import type { DocumentRecord, DocumentStatus } from '../../storage/documents-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Deps } from '../deps.ts';
import { sha256Hex } from '../documents/index.ts';
import { recordPartnerResponse } from './message-level-response.ts';
import { mapReceivedDocument, type Mapped, type Parties } from './received-payload.ts';

interface Inspected {
  root: XmlElement | null;
  detected: DetectedDocument | null;
  profile: string | null;
  findings: Finding[];
  valid: boolean;
}

/**
 * Parses, detects and validates a payload; never throws for bad content. `checked` is the same bytes
 * as this process's writer parsed and validated them a moment ago (a partner on this node).
 */
function inspect(payload: Uint8Array, checked?: CheckedDocument): Inspected {
  const { validation, root } = checked ?? parseAndValidate(payload);
  let detected: DetectedDocument | null = null;
  if (root && !isUnreadable(validation)) {
    try {
      detected = detectDocument(root);
    } catch {
      // Not a document type Schakel knows: the validator's findings already say so.
    }
  }
  return {
    root,
    detected,
    profile: validation.profile,
    findings: validation.findings,
    valid: validation.valid,
  };
}

/** The validator's findings a refusal carries (see import-document's refusals). */
export const findingsOf = (e: DomainError): Finding[] =>
  Array.isArray(e.details.findings) ? (e.details.findings as Finding[]) : [];

/** "OrderChange PO-1-OC-3": the received document a failure is about, for the MLR's description. */
export function documentSubject(fields: EnvelopeFields, payload: Uint8Array): string | null {
  if (fields.documentType === ACTION_PAYLOAD_TYPE) return null;
  const { root } = parseAndValidate(payload);
  const id = root ? text(root, 'cbc:ID') : null;
  return id ? `${fields.documentType} ${id}` : fields.documentType;
}

async function store(
  tx: Repositories,
  record: Omit<DocumentRecord, 'byteSize'>,
  payload: Uint8Array,
): Promise<void> {
  await tx.documents.insertWithContent(record, payload);
}

function recordOf(
  deps: Deps,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  inspected: Inspected,
  outcome: { id: string; status: DocumentStatus; orderIds: string[]; summary: Record<string, unknown> },
): Omit<DocumentRecord, 'byteSize'> {
  const root = inspected.root;
  return {
    id: outcome.id,
    companyId: parties.receiver.id,
    direction: 'received',
    partnerCompanyId: parties.sender.id,
    documentType: inspected.detected?.documentType ?? fields.documentType,
    profile: inspected.profile,
    customizationId: inspected.detected?.customizationId ?? null,
    number: (root && text(root, 'cbc:ID')) ?? '',
    revision: '',
    issueDate:
      (root &&
        /^\d{4}-\d{2}-\d{2}$/.test(text(root, 'cbc:IssueDate') ?? '') &&
        text(root, 'cbc:IssueDate')) ||
      null,
    status: outcome.status,
    sha256: sha256Hex(payload),
    orderIds: outcome.orderIds,
    findings: inspected.findings,
    summary: { ...outcome.summary, messageId: fields.messageId },
    partnerResponse: null,
    actor: null,
    createdAt: deps.now().toISOString(),
  };
}

/** Validates, reads and maps a received UBL document, and stores it; the caller applies the change. */
export async function applyReceivedDocument(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  checked?: CheckedDocument,
): Promise<{ mapped: Mapped; documentId: string }> {
  const inspected = inspect(payload, checked);
  if (!inspected.root || !inspected.detected || !inspected.valid)
    throw new DomainError(
      'validation_failed',
      `the ${fields.documentType} is not valid: ${fatalSummary(inspected.findings)}`,
      { findings: inspected.findings },
    );
  const doc = readDocument(inspected.root, inspected.detected);
  if (doc.documentType !== fields.documentType)
    throw new DomainError(
      'validation_failed',
      `the envelope says ${fields.documentType}, the payload is ${doc.documentType}`,
    );
  const id = deps.newId();
  const at = deps.now().toISOString();
  const mapped =
    doc.documentType === 'MessageLevelResponse'
      ? await recordPartnerResponse(tx, parties, doc, id, at, fields.conversationId)
      : await mapReceivedDocument(tx, parties, fields, doc, id);
  const status: DocumentStatus = mapped.message ? 'processed' : 'recorded';
  // The document first: the history rows of the change name it.
  await store(
    tx,
    recordOf(deps, parties, fields, payload, inspected, {
      id,
      status,
      orderIds: mapped.orderId ? [mapped.orderId] : [],
      summary: mapped.summary,
    }),
    payload,
  );
  return { mapped, documentId: id };
}

/** Keeps a received UBL document that could not be applied, as rejected with the reason; its id. */
export async function recordFailedDocument(
  deps: Deps,
  tx: Repositories,
  parties: Parties,
  fields: EnvelopeFields,
  payload: Uint8Array,
  failure: Error,
): Promise<string | null> {
  if (fields.documentType === ACTION_PAYLOAD_TYPE) return null;
  const inspected = inspect(payload);
  const copy = await tx.orders.get(parties.receiver.id, fields.conversationId);
  // Linked only to the sender's own order with the receiver, never to an order of someone else.
  const order = copy && partnerOf(copy).companyId === parties.sender.id ? copy : null;
  const id = deps.newId();
  await store(
    tx,
    recordOf(deps, parties, fields, payload, inspected, {
      id,
      status: 'rejected',
      orderIds: order ? [order.id] : [],
      summary: {
        action: 'refused',
        error: failure.message,
        ...(failure instanceof DomainError ? { code: failure.code } : {}),
      },
    }),
    payload,
  );
  return id;
}
