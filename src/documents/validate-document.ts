// Validates a business document: parse it safely, find out what it is and which rules it claims to
// follow, run those rules, and report findings in plain language. Pure: no I/O, no database.
import { detectProfile, type Profile } from './document-profile.ts';
import { documentScope, runPatterns } from './rule-engine.ts';
import { patternsFor } from './rule-sets.ts';
import { msg } from './rule-context.ts';
import type { Finding } from './validation-types.ts';
import { parseXml, XmlError, type XmlErrorCode, type XmlLimits } from './xml-parser.ts';
import { xpath, type XmlElement } from './xml-tree.ts';

/** Options of validateDocument. */
export interface ValidationOptions {
  /** Limits for the XML parser (size, depth, element count); defaults are DEFAULT_XML_LIMITS. */
  limits?: Partial<XmlLimits>;
  /** Apply this profile's rules instead of the one the document claims (e.g. 'scsn' for a partner on SCSN). */
  profile?: Profile;
}

/** What validateDocument reports about one document. */
export interface ValidationResult {
  /** Root element name ("Order", "Invoice", …), or 'unknown' when the input is not a UBL document. */
  documentType: string;
  /** The rule set applied; null when the input could not be read as XML. */
  profile: Profile | null;
  /** True when no finding is fatal. */
  valid: boolean;
  findings: Finding[];
}

/** Stable ids for input that is not acceptable XML; the CLI exits with 2 for these. */
export const UNREADABLE_RULES: Record<XmlErrorCode, string> = {
  not_well_formed: 'SCHAKEL-XML-001',
  doctype_refused: 'SCHAKEL-XML-002',
  too_large: 'SCHAKEL-XML-003',
  too_deep: 'SCHAKEL-XML-004',
  too_many_elements: 'SCHAKEL-XML-005',
  not_utf8: 'SCHAKEL-XML-006',
};

const UNREADABLE_ADVICE: Record<XmlErrorCode, [string, string]> = {
  not_well_formed: [
    'The file is not well-formed XML, so it cannot be read at all. Export it again from the sending system.',
    'Het bestand is geen correcte XML en kan daardoor niet gelezen worden. Exporteer het opnieuw vanuit het verzendende systeem.',
  ],
  doctype_refused: [
    'The file contains a DOCTYPE declaration. Business documents must not have one (it can be used to attack the receiver); remove it.',
    'Het bestand bevat een DOCTYPE-declaratie. Zakelijke berichten mogen die niet hebben (ze kan gebruikt worden om de ontvanger aan te vallen); verwijder hem.',
  ],
  too_large: [
    'The file is larger than this node accepts. Split the document or ask the administrator to raise the limit.',
    'Het bestand is groter dan deze node accepteert. Splits het document of vraag de beheerder de limiet te verhogen.',
  ],
  too_deep: [
    'The elements are nested far deeper than any UBL document needs. This is not a normal business document.',
    'De elementen zijn veel dieper genest dan een UBL-document ooit nodig heeft. Dit is geen normaal zakelijk bericht.',
  ],
  too_many_elements: [
    'The file has more elements than this node accepts. Split the document or ask the administrator to raise the limit.',
    'Het bestand heeft meer elementen dan deze node accepteert. Splits het document of vraag de beheerder de limiet te verhogen.',
  ],
  not_utf8: [
    'The file is not UTF-8 encoded. UBL documents must be UTF-8: save or export the file as UTF-8.',
    'Het bestand is niet in UTF-8 gecodeerd. UBL-berichten moeten UTF-8 zijn: sla het bestand op of exporteer het als UTF-8.',
  ],
};

/** True when a result says the input could not be read as XML at all. */
export const isUnreadable = (result: ValidationResult): boolean =>
  result.findings.some((f) => f.rule.startsWith('SCHAKEL-XML-'));

function unreadable(e: XmlError): ValidationResult {
  const [en, nl] = UNREADABLE_ADVICE[e.code];
  const where = e.line !== null ? ` (line ${e.line}, column ${e.column ?? '?'})` : '';
  return {
    documentType: 'unknown',
    profile: null,
    valid: false,
    findings: [
      {
        rule: UNREADABLE_RULES[e.code],
        severity: 'fatal',
        location: '/',
        line: e.line,
        column: e.column,
        message: msg(`${en} Detail: ${e.message}${where}.`, `${nl} Detail: ${e.message}${where}.`),
      },
    ],
  };
}

/** Validates a document (bytes or text) against the rules of its profile. */
export function validateDocument(
  input: Uint8Array | string,
  options: ValidationOptions = {},
): ValidationResult {
  return parseAndValidate(input, options).validation;
}

/** A document parsed and validated once, handed on with its bytes so that nobody parses it again. */
export interface CheckedDocument {
  validation: ValidationResult;
  root: XmlElement;
}

/**
 * Parses and validates a document, and hands back the parsed tree (null when the input is not
 * acceptable XML) so that a caller that goes on to read the document does not parse it again.
 */
export function parseAndValidate(
  input: Uint8Array | string,
  options: ValidationOptions = {},
): { validation: ValidationResult; root: XmlElement | null } {
  let root;
  try {
    root = parseXml(input, options.limits);
  } catch (e) {
    if (e instanceof XmlError) return { validation: unreadable(e), root: null };
    throw e;
  }
  return { validation: validateTree(root, options), root };
}

/** Validates an already parsed document (from parseXml) against the rules of its profile. */
export function validateTree(
  root: XmlElement,
  options: Pick<ValidationOptions, 'profile'> = {},
): ValidationResult {
  const detected = detectProfile(root);
  const profile = options.profile ?? detected.profile;
  const findings: Finding[] = [];
  if (!options.profile && detected.expectedRoot && detected.documentType !== detected.expectedRoot) {
    findings.push({
      rule: 'SCHAKEL-PROFILE-001',
      severity: 'fatal',
      location: xpath(root),
      line: root.line,
      column: root.column,
      message: msg(
        `The document says it follows "${detected.customizationId}", which is for a ${detected.expectedRoot} document, but it is a ${detected.documentType}. Send it with the right specification identifier, or as the right document type.`,
        `Het document zegt "${detected.customizationId}" te volgen, wat voor een ${detected.expectedRoot}-document is, maar het is een ${detected.documentType}. Verstuur het met de juiste specificatie-id, of als het juiste documentsoort.`,
      ),
    });
  }
  findings.push(...runPatterns(patternsFor(profile), documentScope(root)));
  // Report top to bottom as the document reads; the engine's order (pattern by pattern) is stable within a position.
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.line ?? 0) - (b.f.line ?? 0) || (a.f.column ?? 0) - (b.f.column ?? 0) || a.i - b.i)
    .map(({ f }) => f);
  return {
    documentType: detected.documentType,
    profile,
    valid: !ordered.some((f) => f.severity === 'fatal'),
    findings: ordered,
  };
}
