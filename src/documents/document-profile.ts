// What a document is (its root element) and which rules it claims to follow (its cbc:CustomizationID).
// The rule set follows the CustomizationID, not the root: a document that says it is a Peppol order
// is judged by the Peppol order rules, and a mismatching root is then itself a finding.
import { NS, normalizeSpace, type XmlElement } from './xml-tree.ts';

/** The UBL document types Schakel handles; any other UBL root is reported by its name (e.g. "Quotation"). */
export const DOCUMENT_TYPES = [
  'Order',
  'OrderResponse',
  'OrderChange',
  'OrderCancellation',
  'DespatchAdvice',
  'ReceiptAdvice',
  'Invoice',
  'CreditNote',
  'ApplicationResponse',
] as const;
/** A document type Schakel knows by name. */
export type KnownDocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * The rule sets. peppol-t01…t16 are the Peppol BIS 3 ordering transactions, peppol-billing the Peppol
 * BIS Billing 3 invoice/credit note (EN 16931 + Peppol rules), en16931 another EN 16931 customisation
 * (only the EN 16931 rules apply), scsn the Dutch Smart Connected Supplier Network, ubl anything else.
 */
export const PROFILES = [
  'peppol-t01',
  'peppol-t76',
  'peppol-t110',
  'peppol-t114',
  'peppol-t115',
  'peppol-t116',
  'peppol-t16',
  'peppol-mlr',
  'peppol-billing',
  'en16931',
  'scsn',
  'ubl',
] as const;
/** A rule set (see PROFILES). */
export type Profile = (typeof PROFILES)[number];

/** What detectProfile finds out about a document. */
export interface DocumentProfile {
  /** The root element's name for a UBL document (one of DOCUMENT_TYPES or another UBL name), 'unknown' otherwise. */
  documentType: string;
  profile: Profile;
  /** The normalised cbc:CustomizationID, or null when absent. */
  customizationId: string | null;
  /** The root element that the profile's rules expect (null for profiles without one). */
  expectedRoot: KnownDocumentType | null;
}

const UBL_DOC_NS = /^urn:oasis:names:specification:ubl:schema:xsd:([A-Za-z]+)-2$/;

/** Peppol ordering transactions by the start of their specification identifier, and their root element. */
const PEPPOL_ORDERING: [prefix: string, profile: Profile, root: KnownDocumentType][] = [
  ['urn:fdc:peppol.eu:poacc:trns:order:3', 'peppol-t01', 'Order'],
  ['urn:fdc:peppol.eu:poacc:trns:order_response:3', 'peppol-t76', 'OrderResponse'],
  ['urn:fdc:peppol.eu:poacc:trns:order_agreement:3', 'peppol-t110', 'OrderResponse'],
  ['urn:fdc:peppol.eu:poacc:trns:order_change:3', 'peppol-t114', 'OrderChange'],
  ['urn:fdc:peppol.eu:poacc:trns:order_cancellation:3', 'peppol-t115', 'OrderCancellation'],
  ['urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3', 'peppol-t116', 'OrderResponse'],
  ['urn:fdc:peppol.eu:poacc:trns:despatch_advice:3', 'peppol-t16', 'DespatchAdvice'],
  ['urn:fdc:peppol.eu:poacc:trns:mlr:3', 'peppol-mlr', 'ApplicationResponse'],
];

/** The Peppol BIS Billing 3 specification identifier (PEPPOL-EN16931-R004). */
export const PEPPOL_BILLING_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const EN16931_PREFIX = 'urn:cen.eu:en16931:2017';

/**
 * SCSN has no official CustomizationID that we could find in its public documentation (its messages
 * are UBL documents described in the SCSN process manual and Semantic Treehouse). Schakel therefore
 * treats a document as SCSN when its CustomizationID mentions "scsn" (for example
 * "urn:fdc:scsn.nl:order:1" or an identifier ending in ":scsn"), and callers can force the profile.
 */
export const SCSN_MARKER = /scsn/i;

/** The root element's document type. */
export function documentTypeOf(root: XmlElement): string {
  const m = UBL_DOC_NS.exec(root.ns);
  return m && m[1] === root.name ? root.name : 'unknown';
}

/** Detects document type and profile. */
export function detectProfile(root: XmlElement): DocumentProfile {
  const documentType = documentTypeOf(root);
  const customization = root.children.find((c) => c.ns === NS.cbc && c.name === 'CustomizationID');
  const customizationId = customization ? normalizeSpace(customization.rawText) || null : null;
  const base = { documentType, customizationId };
  if (customizationId) {
    for (const [prefix, profile, expectedRoot] of PEPPOL_ORDERING) {
      if (customizationId.startsWith(prefix)) return { ...base, profile, expectedRoot };
    }
    if (customizationId.startsWith(PEPPOL_BILLING_ID)) {
      return {
        ...base,
        profile: 'peppol-billing',
        expectedRoot: documentType === 'CreditNote' ? 'CreditNote' : 'Invoice',
      };
    }
    if (customizationId.startsWith(EN16931_PREFIX)) {
      return {
        ...base,
        profile: 'en16931',
        expectedRoot: documentType === 'CreditNote' ? 'CreditNote' : 'Invoice',
      };
    }
    if (SCSN_MARKER.test(customizationId)) return { ...base, profile: 'scsn', expectedRoot: null };
  }
  return { ...base, profile: 'ubl', expectedRoot: null };
}
