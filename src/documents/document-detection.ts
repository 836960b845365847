// Which document a parsed tree is: its type (from the root element and, for the three kinds of
// OrderResponse, the CustomizationID) and its profile (Peppol, SCSN or plain UBL).
import { DomainError } from '../domain/errors.ts';
import { DOCUMENT_TYPES, rootNamespace, type DocumentType, type Profile } from './ubl-vocabulary.ts';
import { text, type XmlElement } from './xml-tree.ts';

export interface DetectedDocument {
  documentType: DocumentType;
  profile: Profile;
  /** The root element's local name, e.g. OrderResponseSimple for a UBL 2.1 simple response. */
  rootName: string;
  customizationId: string | null;
}

const BY_ROOT: Record<string, DocumentType> = {
  Order: 'Order',
  OrderResponse: 'OrderResponse',
  // UBL 2.1's accept-or-reject-all response; read as an OrderResponse without lines.
  OrderResponseSimple: 'OrderResponse',
  OrderChange: 'OrderChange',
  OrderCancellation: 'OrderCancellation',
  DespatchAdvice: 'DespatchAdvice',
  ReceiptAdvice: 'ReceiptAdvice',
  Invoice: 'Invoice',
  CreditNote: 'CreditNote',
  ApplicationResponse: 'MessageLevelResponse',
};

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

function profileOf(root: XmlElement, customizationId: string | null): Profile {
  const c = (customizationId ?? '').toLowerCase();
  if (c.includes('scsn') || c.includes('smart-connected')) return 'scsn';
  if (c.includes('peppol.eu') || c.startsWith('urn:cen.eu:en16931')) return 'peppol';
  return usesScsnCodes(root) ? 'scsn' : 'ubl';
}

/** The three transactions that share the OrderResponse root differ only in their CustomizationID. */
function responseKind(customizationId: string | null): DocumentType {
  const c = customizationId ?? '';
  if (c.includes('poacc:trns:order_response_advanced:')) return 'OrderResponseAdvanced';
  if (c.includes('poacc:trns:order_agreement:')) return 'OrderAgreement';
  return 'OrderResponse';
}

/** Detects the document type and profile; a root Schakel does not exchange is refused by name. */
export function detectDocument(root: XmlElement): DetectedDocument {
  const type = BY_ROOT[root.name];
  if (!type || root.ns !== rootNamespace(root.name)) {
    const known = root.ns.startsWith('urn:oasis:names:specification:ubl:schema:xsd:');
    throw new DomainError(
      'validation_failed',
      known
        ? `UBL ${root.name} documents are not exchanged by Schakel; it reads ${DOCUMENT_TYPES.join(', ')}`
        : `the document is not a UBL 2 business document: its root element is ${root.name} in namespace ${JSON.stringify(root.ns)}`,
      { field: `/${root.name}` },
    );
  }
  const customizationId = text(root, 'cbc:CustomizationID') ?? null;
  return {
    documentType: type === 'OrderResponse' ? responseKind(customizationId) : type,
    profile: profileOf(root, customizationId),
    rootName: root.name,
    customizationId,
  };
}
