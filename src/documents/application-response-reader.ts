// Reads a Message Level Response (Peppol MLR, UBL ApplicationResponse): a partner's technical
// acknowledgement (AB, AP) or rejection (RE) of a document it received.
import type { MessageLevelResponseDocument } from './document-model.ts';
import type { DetectedDocument } from './document-detection.ts';
import { readParty } from './party-reader.ts';
import { dateAt, DocumentReading, optionalText, required } from './ubl-reading.ts';
import { first, path, type XmlElement } from './xml-tree.ts';

export function readApplicationResponse(
  root: XmlElement,
  detected: DetectedDocument,
): MessageLevelResponseDocument {
  const r = new DocumentReading(
    root,
    `ApplicationResponse ${optionalText(root, 'cbc:ID') ?? '(without ID)'}`,
  );
  const documentId = required(r, root, 'cbc:ID', 'Schakel records every document by its ID');
  const issueDate = dateAt(r, root, 'cbc:IssueDate', 'Schakel needs the date of the response');
  const senderEl = first(root, 'cac:SenderParty');
  const receiverEl = first(root, 'cac:ReceiverParty');
  if (!senderEl) r.missing(root, 'cac:SenderParty', 'Schakel needs to know who responds');
  const response = first(root, 'cac:DocumentResponse');
  const responseCode =
    response &&
    required(
      r,
      response,
      'cac:Response/cbc:ResponseCode',
      'Schakel needs to know whether the document was accepted or rejected',
    );
  const referencedId =
    response &&
    required(
      r,
      response,
      'cac:DocumentReference/cbc:ID',
      'Schakel needs to know which document is responded to',
    );
  if (!response) r.missing(root, 'cac:DocumentResponse', 'Schakel needs the response to a document');
  r.finish();
  return {
    documentType: 'MessageLevelResponse',
    profile: detected.profile,
    documentId: documentId!,
    issueDate: issueDate!,
    sender: readParty(senderEl!, 'sender (cac:SenderParty)'),
    receiver: receiverEl ? readParty(receiverEl, 'receiver (cac:ReceiverParty)') : null,
    locate: () => undefined,
    responseCode: responseCode!,
    referencedId: referencedId!,
    description: optionalText(response!, 'cac:Response/cbc:Description'),
    issues: path(response!, 'cac:LineResponse').map((l) => ({
      location: optionalText(l, 'cac:LineReference/cbc:LineID') ?? '',
      description: optionalText(l, 'cac:Response/cbc:Description') ?? '',
    })),
  };
}
