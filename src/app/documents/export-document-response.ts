// Use case: a Message Level Response (Peppol MLR) about a document the caller's company holds: AP when
// the node processed it, AB when it only recorded it, RE with the validator's findings when it refused it.
// The response is written on behalf of the document's receiving side.
import { EAS_CODES } from '../../domain/generated/eas-codes.ts';
import type { Company } from '../../domain/company-types.ts';
import { writeApplicationResponse } from '../../documents/application-response-writer.ts';
import { receiverOf, senderOf } from '../../documents/document-parties.ts';
import type { PartyRef } from '../../documents/party-reader.ts';
import type { DocumentType } from '../../documents/ubl-vocabulary.ts';
import { DOCUMENT_TYPES } from '../../documents/ubl-vocabulary.ts';
import type { Finding } from '../../documents/validation-types.ts';
import { parseXml } from '../../documents/xml-parser.ts';
import type { Caller, Deps } from '../deps.ts';
import { getDocument, getDocumentContent } from './get-document.ts';

type Endpoint = { scheme: string; value: string };

const endpointOfParty = (p: PartyRef | undefined): Endpoint | null =>
  p?.identifiers.find((i) => i.source === 'EndpointID' || EAS_CODES.has(i.scheme)) ?? null;

const endpointOfCompany = (c: Company | null): Endpoint | null =>
  c?.identifiers.find((i) => i.primary && EAS_CODES.has(i.scheme)) ??
  c?.identifiers.find((i) => EAS_CODES.has(i.scheme)) ??
  null;

export async function exportDocumentResponse(
  deps: Deps,
  caller: Caller,
  id: string,
): Promise<{ xml: string; fileName: string }> {
  const doc = await getDocument(deps, caller, id);
  const content = await getDocumentContent(deps, caller, id);
  const type = (DOCUMENT_TYPES as readonly string[]).includes(doc.documentType)
    ? (doc.documentType as DocumentType)
    : null;
  const root = parseXml(content);
  // The document's own parties say who answers whom; the companies' records fill in what they leave out.
  const [me, partner] = await Promise.all([
    deps.store.companies.get(caller.companyId),
    doc.partnerCompanyId ? deps.store.companies.get(doc.partnerCompanyId) : Promise.resolve(null),
  ]);
  const sent = doc.direction === 'sent';
  const documentSender =
    (type && endpointOfParty(senderOf(root, type))) ?? endpointOfCompany(sent ? me : partner);
  const documentReceiver =
    (type && endpointOfParty(receiverOf(root, type))) ?? endpointOfCompany(sent ? partner : me);
  const fallback = endpointOfCompany(me) ?? { scheme: '0088', value: 'unknown' };
  const code = doc.status === 'rejected' ? 'RE' : doc.status === 'processed' ? 'AP' : 'AB';
  const xml = writeApplicationResponse({
    sender: documentReceiver ?? fallback,
    receiver: documentSender ?? fallback,
    documentNumber: doc.number,
    responseId: `MLR-${doc.id}`,
    issueDate: deps.now().toISOString().slice(0, 10),
    code,
    description:
      code === 'RE'
        ? 'Rejected: the document does not pass validation'
        : code === 'AP'
          ? 'Accepted and processed'
          : 'Received',
    findings: doc.findings as Finding[],
  });
  return { xml, fileName: `ApplicationResponse-${doc.number.replace(/[^\w.-]+/g, '_') || doc.id}.xml` };
}
