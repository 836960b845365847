// Which document a parsed tree is, in Schakel's terms: its document type and its profile family (Peppol,
// SCSN or plain UBL). What a root element and a CustomizationID mean is decided in one place,
// document-profile.ts (which also gives the validator its rule set); this adds what only reading needs:
// SCSN recognised by its word codes when the CustomizationID claims no profile, and the refusal of a
// root Schakel does not exchange.
import { DomainError } from '../domain/errors.ts';
import { detectProfile, transactionType } from './document-profile.ts';
import { DOCUMENT_TYPES, type DocumentType, type Profile } from './ubl-vocabulary.ts';
import { text, type XmlElement } from './xml-tree.ts';

export interface DetectedDocument {
  documentType: DocumentType;
  profile: Profile;
  /** The root element's local name, e.g. OrderResponseSimple for a UBL 2.1 simple response. */
  rootName: string;
  customizationId: string | null;
}

const SCSN_ORDER_TYPES = new Set(['new', 'changed']);

// Line statuses only SCSN uses; UBL's own word list (Added, Cancelled, Disputed, NoStatus, Revised) is shared.
const SCSN_LINE_STATUSES = new Set(['accepted', 'rejected']);

/** SCSN writes its codes as words: OrderTypeCode New/Changed, line statuses accepted/rejected/revised. */
function usesScsnCodes(root: XmlElement): boolean {
  const orderType = text(root, 'cbc:OrderTypeCode');
  if (orderType && SCSN_ORDER_TYPES.has(orderType.toLowerCase())) return true;
  return root.children.some(
    (line) =>
      line.name === 'OrderLine' &&
      line.children.some(
        (item) =>
          item.name === 'LineItem' &&
          item.children.some(
            (c) => c.name === 'LineStatusCode' && SCSN_LINE_STATUSES.has(c.text.toLowerCase()),
          ),
      ),
  );
}

/** Detects the document type and profile; a root Schakel does not exchange is refused by name. */
export function detectDocument(root: XmlElement): DetectedDocument {
  const detected = detectProfile(root);
  const type = detected.documentType === root.name ? transactionType(root.name, detected.profile) : undefined;
  if (!type) {
    const known = root.ns.startsWith('urn:oasis:names:specification:ubl:schema:xsd:');
    throw new DomainError(
      'validation_failed',
      known
        ? `UBL ${root.name} documents are not exchanged by Schakel; it reads ${DOCUMENT_TYPES.join(', ')}`
        : `the document is not a UBL 2 business document: its root element is ${root.name} in namespace ${JSON.stringify(root.ns)}`,
      { field: `/${root.name}` },
    );
  }
  return {
    documentType: type,
    profile: detected.family ?? (usesScsnCodes(root) ? 'scsn' : 'ubl'),
    rootName: root.name,
    customizationId: detected.customizationId,
  };
}
