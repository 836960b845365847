// The document types Schakel exchanges, their UBL root elements and namespaces, and the specification
// identifiers (CustomizationID/ProfileID) of the profiles it reads and writes.

export type DocumentType =
  | 'Order'
  | 'OrderResponse'
  | 'OrderResponseAdvanced'
  | 'OrderAgreement'
  | 'OrderChange'
  | 'OrderCancellation'
  | 'DespatchAdvice'
  | 'ReceiptAdvice'
  | 'Invoice'
  | 'CreditNote'
  | 'MessageLevelResponse';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'Order',
  'OrderResponse',
  'OrderResponseAdvanced',
  'OrderAgreement',
  'OrderChange',
  'OrderCancellation',
  'DespatchAdvice',
  'ReceiptAdvice',
  'Invoice',
  'CreditNote',
  'MessageLevelResponse',
];

/** peppol: Peppol BIS 3 (ordering/billing); scsn: Smart Connected Supplier Network; ubl: plain UBL 2.x. */
export type Profile = 'peppol' | 'scsn' | 'ubl';

/** UBL root element (local name) of each document type; three types share OrderResponse. */
export const ROOT_ELEMENT: Record<DocumentType, string> = {
  Order: 'Order',
  OrderResponse: 'OrderResponse',
  OrderResponseAdvanced: 'OrderResponse',
  OrderAgreement: 'OrderResponse',
  OrderChange: 'OrderChange',
  OrderCancellation: 'OrderCancellation',
  DespatchAdvice: 'DespatchAdvice',
  ReceiptAdvice: 'ReceiptAdvice',
  Invoice: 'Invoice',
  CreditNote: 'CreditNote',
  MessageLevelResponse: 'ApplicationResponse',
};

/** The UBL 2 namespace of a root element, e.g. urn:oasis:names:specification:ubl:schema:xsd:Order-2. */
export const rootNamespace = (rootName: string): string =>
  `urn:oasis:names:specification:ubl:schema:xsd:${rootName}-2`;

/** Specification and process identifiers Schakel writes for Peppol documents. */
export const PEPPOL_IDS: Partial<Record<DocumentType, { customization: string; profile: string }>> = {
  Order: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:ordering:3',
  },
  OrderResponse: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order_response:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:ordering:3',
  },
  OrderResponseAdvanced: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3',
  },
  OrderAgreement: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order_agreement:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:order_agreement:3',
  },
  OrderChange: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order_change:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3',
  },
  OrderCancellation: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3',
  },
  DespatchAdvice: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:despatch_advice:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:despatch_advice:3',
  },
  Invoice: {
    customization: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    profile: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
  },
  CreditNote: {
    customization: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    profile: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
  },
  MessageLevelResponse: {
    customization: 'urn:fdc:peppol.eu:poacc:trns:mlr:3',
    profile: 'urn:fdc:peppol.eu:poacc:bis:mlr:3',
  },
};

/**
 * The specification identifier Schakel writes for SCSN documents. SCSN messages are UBL 2.x with
 * SCSN's own code values (OrderTypeCode New/Changed, line statuses accepted/rejected/revised); an
 * incoming document is recognised as SCSN by those values or by "scsn" in its CustomizationID.
 */
export const SCSN_CUSTOMIZATION_PREFIX = 'urn:fdc:smart-connected.nl:scsn';
export const scsnCustomizationId = (type: DocumentType): string =>
  `${SCSN_CUSTOMIZATION_PREFIX}:${ROOT_ELEMENT[type].toLowerCase()}:1`;

/** Types that can be exported from an order's state (the MLR is exported from a stored document). */
export const ORDER_EXPORT_TYPES = [
  'Order',
  'OrderResponse',
  'OrderResponseAdvanced',
  'OrderAgreement',
  'OrderChange',
  'OrderCancellation',
  'DespatchAdvice',
  'ReceiptAdvice',
  'Invoice',
] as const satisfies readonly DocumentType[];

export type OrderExportType = (typeof ORDER_EXPORT_TYPES)[number];

/** Who sends a document type: its sender party must be the company that posts it. */
export const SENDER_ROLE: Record<DocumentType, 'buyer' | 'seller' | 'either'> = {
  Order: 'buyer',
  OrderChange: 'buyer',
  OrderCancellation: 'buyer',
  ReceiptAdvice: 'buyer',
  OrderResponse: 'seller',
  OrderResponseAdvanced: 'seller',
  OrderAgreement: 'seller',
  DespatchAdvice: 'seller',
  Invoice: 'seller',
  CreditNote: 'seller',
  MessageLevelResponse: 'either',
};
