// Reads who a party in a document is: its identifiers (ISO 6523 scheme:value, strongest first), its
// name and country. Matching a party to a company on the node is a service (it needs the store).
import type { DocumentReading } from './ubl-reading.ts';
import { first, path, text, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

export type IdentifierSource = 'EndpointID' | 'PartyIdentification' | 'PartyLegalEntity' | 'PartyTaxScheme';

export interface PartyIdentifierRef {
  scheme: string;
  value: string;
  source: IdentifierSource;
}

export interface PartyRef {
  /** The party's role in the document, e.g. "buyer (cac:BuyerCustomerParty)". */
  label: string;
  /** XPath of the party element. */
  path: string;
  name: string | null;
  /** Identifiers with a scheme, in the order they are tried: EndpointID, PartyIdentification, legal entity, VAT. */
  identifiers: PartyIdentifierRef[];
  /** Identifiers without a schemeID: they cannot be matched, but an error names them. */
  unscoped: { value: string; source: IdentifierSource }[];
  country: string | null;
  city: string | null;
}

// Older and SCSN documents name some schemes instead of giving their ISO 6523 code.
const SCHEME_ALIASES: Record<string, string> = {
  GLN: '0088',
  'GS1:GLN': '0088',
  DUNS: '0060',
  KVK: '0106',
  'NL:KVK': '0106',
  'NL:VAT': '9944',
};

const schemeOf = (raw: string | undefined): string | null => {
  const s = raw?.trim();
  if (!s) return null;
  return SCHEME_ALIASES[s.toUpperCase()] ?? s;
};

/** Reads a party from a cac:Party element (or a party type element such as cac:SenderParty). */
export function readParty(party: XmlElement, label: string): PartyRef {
  const identifiers: PartyIdentifierRef[] = [];
  const unscoped: PartyRef['unscoped'] = [];
  const add = (el: XmlElement | undefined, source: IdentifierSource, scheme?: string | null): void => {
    const value = el?.text;
    if (!el || !value) return;
    const s = scheme !== undefined ? scheme : schemeOf(el.attrs.schemeID);
    if (s) {
      if (!identifiers.some((i) => i.scheme === s && i.value === value))
        identifiers.push({ scheme: s, value, source });
    } else unscoped.push({ value, source });
  };
  add(first(party, 'cbc:EndpointID'), 'EndpointID');
  for (const id of path(party, 'cac:PartyIdentification/cbc:ID')) add(id, 'PartyIdentification');
  add(first(party, 'cac:PartyLegalEntity/cbc:CompanyID'), 'PartyLegalEntity');
  // A Dutch VAT number is also the Peppol EAS identifier 9944.
  for (const vat of path(party, 'cac:PartyTaxScheme/cbc:CompanyID')) {
    if (/^NL\d{9}B\d{2}$/.test(vat.text)) add(vat, 'PartyTaxScheme', '9944');
  }
  return {
    label,
    path: elementPath(party),
    name:
      text(party, 'cac:PartyName/cbc:Name') ??
      text(party, 'cac:PartyLegalEntity/cbc:RegistrationName') ??
      null,
    identifiers,
    unscoped,
    country: text(party, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode') ?? null,
    city: text(party, 'cac:PostalAddress/cbc:CityName') ?? null,
  };
}

/** The party at `steps` (e.g. 'cac:BuyerCustomerParty/cac:Party'), or undefined when absent. */
export function partyAt(root: XmlElement, steps: string, label: string): PartyRef | undefined {
  const el = first(root, steps);
  return el ? readParty(el, label) : undefined;
}

/** "EndpointID 0088:8712345678906, PartyIdentification 0106:12345678": what was looked for, for messages. */
export function describeIdentifiers(party: PartyRef): string {
  const scoped = party.identifiers.map((i) => `${i.source} ${i.scheme}:${i.value}`);
  const bare = party.unscoped.map((i) => `${i.source} ${i.value} (no schemeID)`);
  return [...scoped, ...bare].join(', ') || 'no identifiers at all';
}

/**
 * A party the document must name with at least one identifier that has a scheme (Schakel matches
 * parties to companies only by identifiers); records what is missing otherwise.
 */
export function requireParty(
  r: DocumentReading,
  root: XmlElement,
  steps: string,
  label: string,
  why: string,
): PartyRef | undefined {
  const el = first(root, steps);
  if (!el) {
    r.missing(root, steps, why);
    return undefined;
  }
  const party = readParty(el, label);
  if (party.identifiers.length === 0) {
    r.missing(
      el,
      'cbc:EndpointID',
      `Schakel recognises the ${label} only by an identifier with a schemeID (ISO 6523, e.g. schemeID="0088" for a GLN) in cbc:EndpointID or cac:PartyIdentification/cbc:ID${party.unscoped.length ? `; ${describeIdentifiers(party)} has none` : ''}`,
    );
  }
  return party;
}
