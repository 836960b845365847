// Writes a Message Level Response (Peppol MLR, UBL ApplicationResponse) about a document the node
// received: AP when it was processed, AB when it was only recorded, RE with the validator's findings
// (one LineResponse each, located by XPath) when it was refused.
import { specificationIds, rootElement } from './ubl-writing.ts';
import type { Finding } from './validation-types.ts';
import { el, leaf, serializeXml } from './xml-writer.ts';

export interface ResponseSubject {
  /** The responding party (the one that received the document): EAS scheme and value. */
  sender: { scheme: string; value: string };
  /** The party that sent the document. */
  receiver: { scheme: string; value: string };
  /** cbc:ID of the document responded to. */
  documentNumber: string;
  /** The id of the response itself. */
  responseId: string;
  issueDate: string;
  code: 'AP' | 'AB' | 'RE';
  description: string | null;
  findings: Finding[];
}

export function writeApplicationResponse(s: ResponseSubject): string {
  const doc = rootElement(
    'MessageLevelResponse',
    specificationIds('MessageLevelResponse', 'peppol'),
    el('cbc:ID', {}, s.responseId),
    el('cbc:IssueDate', {}, s.issueDate),
    el('cac:SenderParty', {}, el('cbc:EndpointID', { schemeID: s.sender.scheme }, s.sender.value)),
    el('cac:ReceiverParty', {}, el('cbc:EndpointID', { schemeID: s.receiver.scheme }, s.receiver.value)),
    el(
      'cac:DocumentResponse',
      {},
      el('cac:Response', {}, el('cbc:ResponseCode', {}, s.code), leaf('cbc:Description', s.description)),
      el('cac:DocumentReference', {}, el('cbc:ID', {}, s.documentNumber)),
      s.findings
        .filter((f) => f.severity === 'fatal')
        .map((f) =>
          el(
            'cac:LineResponse',
            {},
            el('cac:LineReference', {}, el('cbc:LineID', {}, f.location)),
            el(
              'cac:Response',
              {},
              el('cbc:ResponseCode', {}, 'RE'),
              el('cbc:Description', {}, `[${f.rule}] ${f.message.en}`),
              el('cac:Status', {}, el('cbc:StatusReasonCode', {}, 'BV')),
            ),
          ),
        ),
    ),
  );
  return serializeXml(doc);
}
