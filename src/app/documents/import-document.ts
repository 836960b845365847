// Use case: a company hands the node a UBL document it sends (Order, OrderResponse, DespatchAdvice,
// Invoice …). The node checks that the company is the document's sender, validates it, reads it into
// the order model and applies it through the ordinary use cases, then keeps the original bytes: all in
// one transaction. The same document again (same sender, type, ID and bytes) returns the first result;
// another document with a used ID is a conflict. A document the validator refuses is kept as a
// rejected record with its findings (no order changes), so that the sender can be told exactly why.
import { createHash } from 'node:crypto';
import { requirePermission, type Permission } from '../../domain/company-types.ts';
import { DomainError } from '../../domain/errors.ts';
import { partnerOf } from '../../domain/order-types.ts';
import { detectDocument } from '../../documents/document-detection.ts';
import { senderOf } from '../../documents/document-parties.ts';
import { readDocument } from '../../documents/document-reader.ts';
import { describeIdentifiers } from '../../documents/party-reader.ts';
import { SENDER_ROLE } from '../../documents/ubl-vocabulary.ts';
import { isUnreadable, parseAndValidate } from '../../documents/validate-document.ts';
import { fatalSummary, type Finding } from '../../documents/validation-types.ts';
import type { XmlLimits } from '../../documents/xml-parser.ts';
import { text } from '../../documents/xml-tree.ts';
import type { DocumentRecord } from '../../storage/documents-repository.ts';
import type { Repositories } from '../../storage/store.ts';
import { applyDocument } from './apply-document.ts';
import { depsWithin, type Caller, type Deps } from '../deps.ts';
import { findPartyCompany } from './match-party.ts';

export interface ImportOptions {
  /** Parser limits (the API passes its body limit as maxBytes). */
  limits?: Partial<XmlLimits> | undefined;
}

export interface ImportResult {
  /** false when the same document was posted before: nothing changed, the first result is returned. */
  created: boolean;
  document: DocumentRecord;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A refusal with the validator's findings, for the API's problem+json and the CLI. */
function refused(message: string, findings: Finding[], documentId: string | null): DomainError {
  return new DomainError('validation_failed', message, {
    ...(documentId ? { documentId } : {}),
    findings,
  });
}

export async function importDocument(
  deps: Deps,
  caller: Caller,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult> {
  requirePermission(caller.role, 'read');
  const sha256 = sha256Hex(bytes);
  // One parse: the validator's tree is the one the readers read.
  const { validation, root } = parseAndValidate(bytes, { limits: options.limits });
  if (!root || isUnreadable(validation))
    throw refused(
      `the document cannot be read: ${fatalSummary(validation.findings)}`,
      validation.findings,
      null,
    );
  const detected = detectDocument(root);
  const type = detected.documentType;
  const role = SENDER_ROLE[type];
  const permission: Permission = role === 'buyer' ? 'buy' : role === 'seller' ? 'sell' : 'read';
  requirePermission(caller.role, permission);

  // Only the sending party may hand a document to the node (checked before anything is stored).
  const sender = senderOf(root, type);
  const company = await deps.store.companies.get(caller.companyId);
  // A sender without any identifier is a content problem, reported with everything else that is missing.
  if (
    sender &&
    sender.identifiers.length > 0 &&
    company &&
    (await findPartyCompany(deps.store, sender))?.id !== company.id
  ) {
    const mine = company.identifiers.map((i) => `${i.scheme}:${i.value}`).join(', ');
    throw new DomainError(
      'forbidden',
      `only the ${role === 'either' ? 'sender' : role} sends ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}: the ${sender.label}${sender.name ? ` "${sender.name}"` : ''} is ${describeIdentifiers(sender)}, but you are ${company.name} (${mine})`,
      { field: sender.path },
    );
  }
  const number = text(root, 'cbc:ID') ?? '';
  const now = deps.now().toISOString();

  if (!validation.valid) {
    const rejected = await deps.store.transaction(async (tx) => {
      const earlier = await tx.documents.findRejected(caller.companyId, type, number, sha256);
      if (earlier) return earlier;
      const id = deps.newId();
      await tx.documents.insertContent(id, sha256, bytes);
      const record = {
        id,
        companyId: caller.companyId,
        direction: 'sent' as const,
        partnerCompanyId: null,
        documentType: type,
        profile: validation.profile,
        customizationId: detected.customizationId,
        number,
        revision: '',
        issueDate: null,
        status: 'rejected' as const,
        sha256,
        orderIds: [],
        findings: validation.findings,
        summary: {},
        partnerResponse: null,
        actor: caller.actor,
        createdAt: now,
      };
      await tx.documents.insert(record);
      return { ...record, byteSize: bytes.byteLength };
    });
    throw refused(
      `${type} ${number} is not valid: ${fatalSummary(validation.findings)}`,
      validation.findings,
      rejected.id,
    );
  }

  const doc = readDocument(root, detected);
  // An SCSN Changed order keeps the order number as its ID: each distinct version is a new document.
  const revision = doc.documentType === 'Order' && doc.orderType === 'changed' ? sha256 : '';
  try {
    return await applyAndStore(deps, caller, {
      bytes,
      sha256,
      revision,
      doc,
      type,
      profile: validation.profile,
      customizationId: detected.customizationId,
      findings: validation.findings,
      now,
    });
  } catch (e) {
    // The same document posted twice at the same moment: the second insert meets the first one's ID.
    if (!(e instanceof DomainError && e.code === 'conflict' && e.details.duplicateId)) throw e;
    const first = await deps.store.documents.findSent(caller.companyId, type, doc.documentId, revision);
    if (first?.sha256 === sha256) return { created: false, document: first };
    throw e;
  }
}

interface Incoming {
  bytes: Uint8Array;
  sha256: string;
  revision: string;
  doc: ReturnType<typeof readDocument>;
  type: ReturnType<typeof detectDocument>['documentType'];
  profile: string | null;
  customizationId: string | null;
  findings: Finding[];
  now: string;
}

/**
 * A technical response (MLR) from the company's own system about a document its partner sent: it changes
 * no order, so no order action carries it; it travels to the partner on its own, in the conversation of
 * the order it concerns (the partner attaches it to the document it answers). Without such an order it is
 * only recorded here.
 */
async function forwardResponse(
  deps: Deps,
  tx: Repositories,
  from: string,
  outcome: { partnerCompanyId: string | null; orderIds: string[] },
  document: { id: string; now: string },
): Promise<void> {
  const orderId = outcome.orderIds[0];
  if (!outcome.partnerCompanyId || outcome.partnerCompanyId === from || !orderId) return;
  // Locked like any change of the order: the conversation's messages are numbered under this lock.
  const copy = await tx.orders.getForUpdate(from, orderId);
  if (!copy || partnerOf(copy).companyId !== outcome.partnerCompanyId) return;
  await deps.partners.deliver(depsWithin(deps, tx), tx, outcome.partnerCompanyId, {
    kind: 'document.forwarded',
    orderId: copy.id,
    from,
    documentType: 'MessageLevelResponse',
    documentId: document.id,
    at: document.now,
  });
}

/**
 * Applies the document to its orders and stores it, in one transaction. The partner receives the
 * document's bytes in the envelope of the change and keeps its own record of it (the inbox does that).
 */
function applyAndStore(deps: Deps, caller: Caller, input: Incoming): Promise<ImportResult> {
  const { bytes, sha256, revision, doc, type, now } = input;
  return deps.store.transaction(async (tx) => {
    await tx.documents.lockSent(caller.companyId, type, doc.documentId, revision);
    const existing = await tx.documents.findSent(caller.companyId, type, doc.documentId, revision);
    if (existing) {
      if (existing.sha256 === sha256) return { created: false, document: existing };
      throw new DomainError(
        'conflict',
        `${type} ${doc.documentId} was already received from you (document ${existing.id}) with other content; a changed document needs a new ID`,
        { field: 'cbc:ID', existingDocumentId: existing.id },
      );
    }
    const id = deps.newId();
    // The bytes first: a change for a partner on another node sends them (see network-partner-channel).
    await tx.documents.insertContent(id, sha256, bytes);
    const outcome = await applyDocument(depsWithin(deps, tx), tx, caller, doc, id);
    const record: DocumentRecord = {
      id,
      companyId: caller.companyId,
      direction: 'sent',
      partnerCompanyId: outcome.partnerCompanyId,
      documentType: type,
      profile: input.profile,
      customizationId: input.customizationId,
      number: doc.documentId,
      revision,
      issueDate: doc.issueDate,
      status: outcome.status,
      sha256,
      byteSize: bytes.byteLength,
      orderIds: outcome.orderIds,
      findings: input.findings,
      summary: outcome.summary,
      partnerResponse: null,
      actor: caller.actor,
      createdAt: now,
    };
    await tx.documents.insert(record);
    if (type === 'MessageLevelResponse')
      await forwardResponse(deps, tx, caller.companyId, outcome, { id, now });
    return { created: true, document: record };
  });
}
