// The vocabulary of document validation: rules, where they apply, and what they report. A rule set is
// a list of patterns, exactly as in Schematron, because the official validators' verdicts depend on
// Schematron's pattern semantics (see rule-engine.ts).
import type { XmlElement } from './xml-tree.ts';

/** 'fatal' makes a document invalid; 'warning' is advice. */
export type Severity = 'fatal' | 'warning';

/** A message in Dutch and English, written for a person at a small company: what is wrong, how to fix it. */
export interface LocalizedMessage {
  nl: string;
  en: string;
}

/** One problem found in a document. */
export interface Finding {
  /** Official rule id (e.g. PEPPOL-T01-R003, BR-CO-10) or Schakel's own (SCHAKEL-…, SCSN-…). */
  rule: string;
  severity: Severity;
  /** XPath of the element concerned, e.g. /Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity. */
  location: string;
  /** Position of the element's start tag in the file, when known. */
  line: number | null;
  column: number | null;
  message: LocalizedMessage;
}

/** What rules may look up about the whole document, computed once per validation. */
export interface DocumentScope {
  readonly root: XmlElement;
  /** Computes a value once per document (sums, indexes) and returns it on later calls. */
  memo<T>(key: string, compute: () => T): T;
}

/** Where a rule applies: a Schematron rule context. */
export interface RuleContext {
  /** The official context expression, kept for documentation and messages. */
  readonly xpath: string;
  matches(el: XmlElement, doc: DocumentScope): boolean;
}

/** One assertion: it holds for an element in its context, or the finding is reported. */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly context: RuleContext;
  /** True when the element satisfies the rule. May throw XPathError: the rule is then reported as failed. */
  check(el: XmlElement, doc: DocumentScope): boolean;
  readonly message: LocalizedMessage | ((el: XmlElement, doc: DocumentScope) => LocalizedMessage);
}

/**
 * A Schematron pattern: every element is checked by the rules of the FIRST context (in order) that
 * matches it, and by no other context of the same pattern. So a line-level allowance that lacks a
 * base amount is checked by "base amount missing" and not by the amount arithmetic after it.
 */
export interface RulePattern {
  readonly name: string;
  /** The context that claims `el` in this pattern, if any. */
  contextFor(el: XmlElement, doc: DocumentScope): RuleContext | undefined;
  /** The rules of a context, in order. */
  rulesFor(context: RuleContext): readonly Rule[];
  /** Every rule of the pattern (for documentation and counting). */
  readonly rules: readonly Rule[];
}

/** "2 fatal findings, first PEPPOL-T01-R003 at /Order/cbc:ID: …": how a refusal sums up its findings. */
export function fatalSummary(findings: readonly Finding[]): string {
  const fatal = findings.filter((f) => f.severity === 'fatal');
  const [first] = fatal;
  return `${fatal.length} fatal finding${fatal.length === 1 ? '' : 's'}${first ? `, first ${first.rule} at ${first.location}: ${first.message.en}` : ''}`;
}
