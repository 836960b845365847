// Reading values out of a UBL tree for import. Every problem is collected with the XPath of the element
// concerned, so that a refused document lists everything that is missing or wrong at once, not one
// problem per attempt.
import { parseDate } from '../domain/codes.ts';
import { parseDecimal, type Decimal } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import { first, path, type XmlElement } from './xml-tree.ts';
import { elementPath } from './element-path.ts';

export interface ReadingProblem {
  field: string;
  detail: string;
  code: 'missing' | 'invalid' | 'unsupported';
}

/** Collects the problems found while reading one document. */
export class DocumentReading {
  readonly problems: ReadingProblem[] = [];
  readonly root: XmlElement;
  /** What is being read, for messages, e.g. "Order 34". */
  readonly subject: string;
  constructor(root: XmlElement, subject: string) {
    this.root = root;
    this.subject = subject;
  }

  /** Records that `steps` below `el` is missing; `why` says what Schakel needs it for. */
  missing(el: XmlElement, steps: string, why: string): void {
    const field = `${elementPath(el)}/${steps}`;
    this.problems.push({ field, detail: `${field} is missing: ${why}`, code: 'missing' });
  }

  /** Records that an element holds a value Schakel cannot use. */
  invalid(el: XmlElement, detail: string): void {
    this.problems.push({ field: elementPath(el), detail: `${elementPath(el)}: ${detail}`, code: 'invalid' });
  }

  /** Records content that is valid UBL but that Schakel's order model cannot represent. */
  unsupported(el: XmlElement, detail: string): void {
    this.problems.push({
      field: elementPath(el),
      detail: `${elementPath(el)}: ${detail}`,
      code: 'unsupported',
    });
  }

  /** Throws one error listing every problem, when there are any. */
  finish(): void {
    if (this.problems.length === 0) return;
    const [firstProblem] = this.problems;
    const more = this.problems.length > 1 ? ` (and ${this.problems.length - 1} more)` : '';
    throw new DomainError(
      'validation_failed',
      `${this.subject} cannot be imported: ${firstProblem!.detail}${more}`,
      { field: firstProblem!.field, errors: this.problems },
    );
  }
}

/** Trimmed text at `steps`, recording it as missing (with `why`) when absent. */
export function required(r: DocumentReading, el: XmlElement, steps: string, why: string): string | undefined {
  const t = first(el, steps)?.text;
  if (!t) r.missing(el, steps, why);
  return t || undefined;
}

/** Trimmed text at `steps`, or null. */
export const optionalText = (el: XmlElement, steps: string): string | null => first(el, steps)?.text || null;

/** Several texts joined, e.g. all cbc:Note elements; null when there are none. */
export function joinedText(el: XmlElement, steps: string, separator = '\n'): string | null {
  const parts = path(el, steps)
    .map((e) => e.text)
    .filter(Boolean);
  return parts.length ? parts.join(separator) : null;
}

/** A decimal in canonical form; xs:decimal trailing zeros (50.000) are dropped before the strict check. */
export function decimalOf(r: DocumentReading, el: XmlElement): Decimal | undefined {
  const raw = el.text
    .replace(/^\+/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  try {
    return parseDecimal(raw, 'value');
  } catch {
    r.invalid(
      el,
      `${JSON.stringify(el.text)} is not a decimal number Schakel can keep (at most 18 digits before and 6 after the decimal point)`,
    );
    return undefined;
  }
}

/** A decimal at `steps`: undefined when absent (recorded as missing when `why` is given). */
export function decimalAt(
  r: DocumentReading,
  el: XmlElement,
  steps: string,
  why?: string,
): Decimal | undefined {
  const found = first(el, steps);
  if (!found?.text) {
    if (why) r.missing(el, steps, why);
    return undefined;
  }
  return decimalOf(r, found);
}

/** A YYYY-MM-DD date at `steps`: undefined when absent (recorded as missing when `why` is given). */
export function dateAt(r: DocumentReading, el: XmlElement, steps: string, why?: string): string | undefined {
  const found = first(el, steps);
  if (!found?.text) {
    if (why) r.missing(el, steps, why);
    return undefined;
  }
  try {
    return parseDate(found.text, 'date');
  } catch {
    r.invalid(found, `${JSON.stringify(found.text)} is not a calendar date written YYYY-MM-DD`);
    return undefined;
  }
}

/** A quantity element's value and unit code (unitCode attribute). */
export function quantityAt(
  r: DocumentReading,
  el: XmlElement,
  steps: string,
  why?: string,
): { value: Decimal; unitCode: string | null; el: XmlElement } | undefined {
  const found = first(el, steps);
  if (!found?.text) {
    if (why) r.missing(el, steps, why);
    return undefined;
  }
  const value = decimalOf(r, found);
  return value === undefined
    ? undefined
    : { value, unitCode: found.attrs.unitCode?.trim() || null, el: found };
}

/** Translates a domain field path of a use-case input (e.g. `lines[1].quantity`) into the document's XPath. */
export type FieldLocator = (field: string) => string | undefined;

/** A locator over indexed collections: `lines[2]…` → the XPath of the third line element. */
export function indexLocator(collections: Record<string, XmlElement[]>): FieldLocator {
  return (field) => {
    const m = /^(\w+)\[(\d+)\]/.exec(field);
    if (!m) return undefined;
    const el = collections[m[1]!]?.[Number(m[2])];
    return el ? elementPath(el) : undefined;
  };
}

/**
 * The standard item number of a cac:Item (cac:StandardItemIdentification/cbc:ID and its schemeID). Plain
 * UBL names GS1's GTIN by the scheme name "GTIN"; Peppol by its ISO 6523 ICD 0160, which Schakel keeps.
 */
export function standardItemIdAt(
  item: XmlElement | undefined,
): { scheme: string | null; value: string } | null {
  const id = item && first(item, 'cac:StandardItemIdentification/cbc:ID');
  if (!id?.text) return null;
  const scheme = id.attrs.schemeID?.trim() || null;
  return { scheme: scheme?.toUpperCase() === 'GTIN' ? '0160' : scheme, value: id.text.trim() };
}
