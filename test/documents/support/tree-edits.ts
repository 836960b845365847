// Small edits of a parsed UBL tree for targeted oracle variants (test/documents/oracle-country.test.ts):
// each helper fails loudly when the element it edits is missing, so an edit can never silently do nothing.
import { sel } from '../../../src/documents/rule-context.ts';
import { NS, type XmlElement } from '../../../src/documents/xml-tree.ts';

export const SUPPLIER = 'cac:AccountingSupplierParty/cac:Party';
export const CUSTOMER = 'cac:AccountingCustomerParty/cac:Party';

/** The elements at a path; the test fails when there are none (the edit would silently do nothing). */
export function at(el: XmlElement, steps: string): XmlElement[] {
  const found = sel(el, steps);
  if (found.length === 0) throw new Error(`no ${steps} in ${el.name}`);
  return found;
}
export const the = (el: XmlElement, steps: string): XmlElement => at(el, steps)[0]!;

export function setText(el: XmlElement, value: string): void {
  el.rawText = value;
  el.text = value.trim();
  el.children = [];
}

/** A new element "cac:Name"/"cbc:Name" with text or children. */
export function make(
  qname: string,
  content: string | XmlElement[] = '',
  attrs: Record<string, string> = {},
): XmlElement {
  const [prefix, name] = qname.split(':') as ['cac' | 'cbc', string];
  const el: XmlElement = {
    ns: NS[prefix],
    name,
    prefix,
    attrs,
    children: [],
    text: '',
    rawText: '',
    line: 0,
    column: 0,
    parent: null,
    position: 1,
  };
  if (typeof content === 'string') setText(el, content);
  else for (const c of content) add(el, c);
  return el;
}

/** Appends a child, or inserts it before the first child named `before`. */
export function add(parent: XmlElement, child: XmlElement, before?: string): void {
  child.parent = parent;
  const i = before ? parent.children.findIndex((c) => c.name === before) : -1;
  if (i < 0) parent.children.push(child);
  else parent.children.splice(i, 0, child);
}

export function remove(el: XmlElement): void {
  el.parent!.children = el.parent!.children.filter((c) => c !== el);
}

/** Sets a party's address country and (when given) its VAT number; '' removes the VAT number's scheme. */
export function party(root: XmlElement, which: string, country: string, vat?: string): void {
  const p = the(root, which);
  setText(the(p, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'), country);
  if (vat === undefined) return;
  const scheme = sel(p, 'cac:PartyTaxScheme').find((s) => sel(s, 'cac:TaxScheme/cbc:ID')[0]?.text === 'VAT');
  if (scheme) setText(the(scheme, 'cbc:CompanyID'), vat);
  else
    add(
      p,
      make('cac:PartyTaxScheme', [
        make('cbc:CompanyID', vat),
        make('cac:TaxScheme', [make('cbc:ID', 'VAT')]),
      ]),
      'PartyLegalEntity',
    );
}

/** Replaces the first payment means' content after the code. */
export function paymentMeans(root: XmlElement, code: string, ...rest: XmlElement[]): void {
  const pm = the(root, 'cac:PaymentMeans');
  pm.children = [];
  add(pm, make('cbc:PaymentMeansCode', code));
  for (const c of rest) add(pm, c);
}
/** Adds a further payment means after the existing ones. */
export function addPaymentMeans(root: XmlElement, code: string, ...rest: XmlElement[]): void {
  add(root, make('cac:PaymentMeans', [make('cbc:PaymentMeansCode', code), ...rest]), 'PaymentTerms');
}
export const account = (id: string, branch?: string): XmlElement =>
  make('cac:PayeeFinancialAccount', [
    make('cbc:ID', id),
    ...(branch ? [make('cac:FinancialInstitutionBranch', [make('cbc:ID', branch)])] : []),
  ]);

export interface Case {
  label: string;
  base?: 'invoice' | 'creditNote';
  edit: (root: XmlElement) => void;
  /** Rules the official validator must report for this variant. */
  expect: string[];
}
export const docRef = (id: string, description: string, uri?: string): XmlElement =>
  make('cac:AdditionalDocumentReference', [
    make('cbc:ID', id),
    make('cbc:DocumentDescription', description),
    ...(uri ? [make('cac:Attachment', [make('cac:ExternalReference', [make('cbc:URI', uri)])])] : []),
  ]);
