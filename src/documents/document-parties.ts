// Who sends and who receives each document type, read straight from the tree: the import checks the
// sender against the authenticated company before anything else is read or stored.
import { partyAt, readParty, type PartyRef } from './party-reader.ts';
import type { DocumentType } from './ubl-vocabulary.ts';
import { first, type XmlElement } from './xml-tree.ts';

const BUYER: [string, string] = ['cac:BuyerCustomerParty/cac:Party', 'buyer (cac:BuyerCustomerParty)'];
const SELLER: [string, string] = ['cac:SellerSupplierParty/cac:Party', 'seller (cac:SellerSupplierParty)'];
const DESPATCHER: [string, string] = [
  'cac:DespatchSupplierParty/cac:Party',
  'despatching party (cac:DespatchSupplierParty)',
];
const DELIVERY_CUSTOMER: [string, string] = [
  'cac:DeliveryCustomerParty/cac:Party',
  'receiving party (cac:DeliveryCustomerParty)',
];
const INVOICER: [string, string] = [
  'cac:AccountingSupplierParty/cac:Party',
  'seller (cac:AccountingSupplierParty)',
];
const INVOICEE: [string, string] = [
  'cac:AccountingCustomerParty/cac:Party',
  'buyer (cac:AccountingCustomerParty)',
];

/** Where the sending and the receiving party are, in order of preference. */
const PARTIES: Record<DocumentType, { sender: [string, string][]; receiver: [string, string][] }> = {
  Order: { sender: [BUYER], receiver: [SELLER] },
  OrderChange: { sender: [BUYER], receiver: [SELLER] },
  OrderCancellation: { sender: [BUYER], receiver: [SELLER] },
  ReceiptAdvice: { sender: [BUYER, DELIVERY_CUSTOMER], receiver: [SELLER, DESPATCHER] },
  OrderResponse: { sender: [SELLER], receiver: [BUYER] },
  OrderResponseAdvanced: { sender: [SELLER], receiver: [BUYER] },
  OrderAgreement: { sender: [SELLER], receiver: [BUYER] },
  DespatchAdvice: { sender: [DESPATCHER], receiver: [DELIVERY_CUSTOMER, BUYER] },
  Invoice: { sender: [INVOICER], receiver: [INVOICEE] },
  CreditNote: { sender: [INVOICER], receiver: [INVOICEE] },
  MessageLevelResponse: { sender: [], receiver: [] },
};

function firstParty(root: XmlElement, candidates: [string, string][]): PartyRef | undefined {
  for (const [steps, label] of candidates) {
    const p = partyAt(root, steps, label);
    if (p) return p;
  }
  return undefined;
}

/** The sending party of a document, or undefined when the document names none. */
export function senderOf(root: XmlElement, type: DocumentType): PartyRef | undefined {
  if (type === 'MessageLevelResponse') {
    const el = first(root, 'cac:SenderParty');
    return el ? readParty(el, 'sender (cac:SenderParty)') : undefined;
  }
  return firstParty(root, PARTIES[type].sender);
}

/** The receiving party of a document, or undefined when the document names none. */
export function receiverOf(root: XmlElement, type: DocumentType): PartyRef | undefined {
  if (type === 'MessageLevelResponse') {
    const el = first(root, 'cac:ReceiverParty');
    return el ? readParty(el, 'receiver (cac:ReceiverParty)') : undefined;
  }
  return firstParty(root, PARTIES[type].receiver);
}
