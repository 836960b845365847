// What a document is (its root element) and which rules it claims to follow (its cbc:CustomizationID).
// The rule set follows the CustomizationID, not the root: a document that says it is a Peppol order
// is judged by the Peppol order rules, and a mismatching root is then itself a finding.
import type { DocumentType, Profile as ProfileFamily } from './ubl-vocabulary.ts';
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
  /** The profile family the CustomizationID claims (Peppol, SCSN, plain UBL); null when it claims none. */
  family: ProfileFamily | null;
}

const UBL_DOC_NS = /^urn:oasis:names:specification:ubl:schema:xsd:([A-Za-z]+)-2$/;

/**
 * Peppol ordering transactions by the start of their specification identifier: their rule set, their root
 * element and Schakel's document type (three transactions share the OrderResponse root).
 */
const PEPPOL_ORDERING: [prefix: string, profile: Profile, root: KnownDocumentType, type: DocumentType][] = [
  ['urn:fdc:peppol.eu:poacc:trns:order:3', 'peppol-t01', 'Order', 'Order'],
  ['urn:fdc:peppol.eu:poacc:trns:order_response:3', 'peppol-t76', 'OrderResponse', 'OrderResponse'],
  ['urn:fdc:peppol.eu:poacc:trns:order_agreement:3', 'peppol-t110', 'OrderResponse', 'OrderAgreement'],
  ['urn:fdc:peppol.eu:poacc:trns:order_change:3', 'peppol-t114', 'OrderChange', 'OrderChange'],
  [
    'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3',
    'peppol-t115',
    'OrderCancellation',
    'OrderCancellation',
  ],
  [
    'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3',
    'peppol-t116',
    'OrderResponse',
    'OrderResponseAdvanced',
  ],
  ['urn:fdc:peppol.eu:poacc:trns:despatch_advice:3', 'peppol-t16', 'DespatchAdvice', 'DespatchAdvice'],
  ['urn:fdc:peppol.eu:poacc:trns:mlr:3', 'peppol-mlr', 'ApplicationResponse', 'MessageLevelResponse'],
];

/** The Peppol BIS Billing 3 specification identifier (PEPPOL-EN16931-R004). */
export const PEPPOL_BILLING_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const EN16931_PREFIX = 'urn:cen.eu:en16931:2017';

/**
 * SCSN publishes no CustomizationID that we could find (see docs/documents.md, "SCSN"): its messages are
 * UBL documents specified on Semantic Treehouse. Schakel therefore treats a document as SCSN when its
 * CustomizationID mentions "scsn" or "smart-connected" (for example Schakel's own
 * "urn:fdc:smart-connected.nl:scsn:order:1", or "urn:fdc:scsn.nl:order:1"); callers can force the profile.
 */
export const SCSN_MARKER = /scsn|smart-connected/i;

/** Which family a rule set belongs to: the Peppol ones (ordering, billing, EN 16931), SCSN, or plain UBL. */
export function profileFamily(profile: Profile): ProfileFamily {
  if (profile === 'scsn' || profile === 'ubl') return profile;
  return 'peppol';
}

/**
 * Schakel's document type for a root element, when it exchanges that type: the Peppol transaction decides
 * between the three that share the OrderResponse root; UBL 2.1's OrderResponseSimple is an OrderResponse.
 */
export function transactionType(rootName: string, profile: Profile): DocumentType | undefined {
  if (rootName === 'OrderResponse' || rootName === 'OrderResponseSimple') {
    const peppol = PEPPOL_ORDERING.find(([, p, root]) => p === profile && root === 'OrderResponse');
    return peppol?.[3] ?? 'OrderResponse';
  }
  if (rootName === 'ApplicationResponse') return 'MessageLevelResponse';
  return (DOCUMENT_TYPES as readonly string[]).includes(rootName) ? (rootName as DocumentType) : undefined;
}

/** The root element's document type. */
export function documentTypeOf(root: XmlElement): string {
  const m = UBL_DOC_NS.exec(root.ns);
  return m && m[1] === root.name ? root.name : 'unknown';
}

/** The rule set a CustomizationID claims, and the root element that rule set expects. */
function ruleSetOf(
  customizationId: string | null,
  documentType: string,
): Pick<DocumentProfile, 'profile' | 'expectedRoot'> {
  if (!customizationId) return { profile: 'ubl', expectedRoot: null };
  const billingRoot = documentType === 'CreditNote' ? 'CreditNote' : 'Invoice';
  for (const [prefix, profile, expectedRoot] of PEPPOL_ORDERING) {
    if (customizationId.startsWith(prefix)) return { profile, expectedRoot };
  }
  if (customizationId.startsWith(PEPPOL_BILLING_ID))
    return { profile: 'peppol-billing', expectedRoot: billingRoot };
  if (customizationId.startsWith(EN16931_PREFIX)) return { profile: 'en16931', expectedRoot: billingRoot };
  if (SCSN_MARKER.test(customizationId)) return { profile: 'scsn', expectedRoot: null };
  return { profile: 'ubl', expectedRoot: null };
}

/** Detects document type and profile. */
export function detectProfile(root: XmlElement): DocumentProfile {
  const documentType = documentTypeOf(root);
  const customization = root.children.find((c) => c.ns === NS.cbc && c.name === 'CustomizationID');
  const customizationId = customization ? normalizeSpace(customization.rawText) || null : null;
  const ruleSet = ruleSetOf(customizationId, documentType);
  // Another Peppol specification identifier (e.g. a newer transaction) has no rule set here, but it is
  // still a Peppol document: it is read as one.
  const family: ProfileFamily | null =
    ruleSet.profile !== 'ubl'
      ? profileFamily(ruleSet.profile)
      : customizationId?.includes('peppol.eu')
        ? 'peppol'
        : null;
  return { documentType, customizationId, ...ruleSet, family };
}
