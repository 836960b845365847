// Deterministic VAT mutations of billing documents for the oracle test: VAT category codes (S, Z, E,
// AE, K, G, O, L, M, B) on lines, allowances, charges and the breakdown, rates, exemption reasons and
// codes, the parties' VAT identifiers, the breakdown's amounts, delivery data, and allowances or charges
// with a category — singly (one thing wrong) and consistently (the whole document re-taxed), so that both
// the failing and the passing side of the EN 16931 VAT-category rules are compared with the oracle.
import { parseXml } from '../../../src/documents/xml-parser.ts';
import { NS, type XmlElement } from '../../../src/documents/xml-tree.ts';
import { cloneTree, prng, serialize, type Variant } from './xml-mutator.ts';

const CODES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M', 'B'];
/** Categories without VAT: rate 0 and an exemption reason. */
const EXEMPT = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);
const REASON_CODE: Record<string, string> = {
  E: 'VATEX-EU-132',
  AE: 'VATEX-EU-AE',
  K: 'VATEX-EU-IC',
  G: 'VATEX-EU-G',
  O: 'VATEX-EU-O',
};

function* walk(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

const child = (e: XmlElement, name: string): XmlElement | undefined =>
  e.children.find((c) => c.name === name);
const children = (e: XmlElement, name: string): XmlElement[] => e.children.filter((c) => c.name === name);

function leaf(
  ns: string,
  name: string,
  text: string,
  parent: XmlElement,
  attrs: Record<string, string> = {},
) {
  const e: XmlElement = {
    ns,
    name,
    prefix: '',
    attrs,
    children: [],
    text: text.trim(),
    rawText: text,
    line: 0,
    column: 0,
    parent,
    position: 1,
  };
  return e;
}

const set = (e: XmlElement, value: string): void => {
  e.rawText = value;
  e.text = value.trim();
};

/** Inserts `add` into `parent` right after the last child named one of `after` (else first). */
function insertAfter(parent: XmlElement, add: XmlElement, after: string[]): void {
  let at = 0;
  parent.children.forEach((c, i) => {
    if (after.includes(c.name)) at = i + 1;
  });
  parent.children.splice(at, 0, add);
}

const isCategory = (e: XmlElement): boolean => e.name === 'TaxCategory' || e.name === 'ClassifiedTaxCategory';

/** All VAT categories of a document (lines, allowances, charges, breakdown). */
const categories = (root: XmlElement): XmlElement[] => [...walk(root)].filter(isCategory);

/** Sets a category's code, rate and (for the breakdown) exemption reason as the code requires. */
function retax(cat: XmlElement, code: string): void {
  const id = child(cat, 'ID');
  if (id) set(id, code);
  const percent = child(cat, 'Percent');
  if (code === 'O') {
    if (percent) cat.children = cat.children.filter((c) => c !== percent);
  } else if (EXEMPT.has(code)) {
    if (percent) set(percent, '0');
    else insertAfter(cat, leaf(NS.cbc, 'Percent', '0', cat), ['ID']);
  } else if (!percent) insertAfter(cat, leaf(NS.cbc, 'Percent', '10', cat), ['ID']);
  if (cat.parent?.name !== 'TaxSubtotal') return;
  cat.children = cat.children.filter((c) => !c.name.startsWith('TaxExemptionReason'));
  if (EXEMPT.has(code) && code !== 'Z') {
    insertAfter(cat, leaf(NS.cbc, 'TaxExemptionReasonCode', REASON_CODE[code]!, cat), ['ID', 'Percent']);
    const tax = child(cat.parent, 'TaxAmount');
    if (tax) set(tax, '0.00');
  }
}

/** Deterministic VAT variants of one billing document, about `budget` of them. */
export function mutateVat(xml: string, seed: number, budget: number): Variant[] {
  const root = parseXml(xml, { maxBytes: 50_000_000 });
  const rand = prng(seed);
  const out: Variant[] = [];
  /** Applies `mutate` to a fresh clone; null from `mutate` means "not applicable". */
  const push = (label: string, mutate: (copy: XmlElement) => boolean | void): void => {
    const copy = cloneTree(root);
    if (mutate(copy) === false) return;
    out.push({ label, xml: serialize(copy) });
  };
  const pickOne = <T>(items: T[]): T | undefined => items[Math.floor(rand() * items.length)];
  const nthCategory = (copy: XmlElement, i: number): XmlElement => categories(copy)[i]!;
  const cats = categories(root);

  // 1. One category changed to every code (a single inconsistency), for each kind of category.
  const kinds = new Map<string, number>();
  cats.forEach((c, i) => {
    const kind = `${c.parent?.name}/${c.name}`;
    if (!kinds.has(kind) || rand() < 0.3) kinds.set(kind, i);
  });
  for (const [kind, i] of kinds) {
    for (const code of CODES) {
      push(`category ${kind}[${i}] → ${code}`, (copy) => set(child(nthCategory(copy, i), 'ID')!, code));
      push(`category ${kind}[${i}] retaxed → ${code}`, (copy) => retax(nthCategory(copy, i), code));
    }
  }

  // 2. The whole document re-taxed consistently to one code (passing paths of …-08/09/10).
  for (const code of CODES) {
    push(`all categories → ${code}`, (copy) => categories(copy).forEach((c) => retax(c, code)));
  }

  // 3. Rates.
  for (const value of ['0', '25', '-5', '0.0', ' 21 ', '21.000']) {
    const i = Math.floor(rand() * cats.length);
    push(`rate of category ${i} → ${JSON.stringify(value)}`, (copy) => {
      const p = child(nthCategory(copy, i), 'Percent');
      if (!p) return false;
      set(p, value);
    });
  }
  for (let i = 0; i < cats.length; i += 2) {
    push(`rate of category ${i} removed`, (copy) => {
      const c = nthCategory(copy, i);
      const before = c.children.length;
      c.children = c.children.filter((x) => x.name !== 'Percent');
      return c.children.length !== before;
    });
  }

  // 4. Exemption reasons and codes on the breakdown.
  const subCats = cats.filter((c) => c.parent?.name === 'TaxSubtotal');
  subCats.forEach((c) => {
    const i = cats.indexOf(c);
    push(`exemption reason added to breakdown ${i}`, (copy) =>
      insertAfter(nthCategory(copy, i), leaf(NS.cbc, 'TaxExemptionReason', 'Exempt', nthCategory(copy, i)), [
        'ID',
        'Percent',
      ]),
    );
    push(`exemption code added to breakdown ${i}`, (copy) =>
      insertAfter(
        nthCategory(copy, i),
        leaf(NS.cbc, 'TaxExemptionReasonCode', 'VATEX-EU-O', nthCategory(copy, i)),
        ['ID', 'Percent'],
      ),
    );
    push(`exemption removed from breakdown ${i}`, (copy) => {
      const cat = nthCategory(copy, i);
      const before = cat.children.length;
      cat.children = cat.children.filter((x) => !x.name.startsWith('TaxExemptionReason'));
      return cat.children.length !== before;
    });
  });

  // 5. The parties' VAT identifiers.
  const party = (copy: XmlElement, role: string): XmlElement | undefined => {
    const p = child(copy, role);
    return p && child(p, 'Party');
  };
  for (const role of ['AccountingSupplierParty', 'AccountingCustomerParty']) {
    push(`${role} VAT number removed`, (copy) => {
      const p = party(copy, role);
      if (!p || !child(p, 'PartyTaxScheme')) return false;
      p.children = p.children.filter((c) => c.name !== 'PartyTaxScheme');
    });
    push(`${role} tax scheme not VAT`, (copy) => {
      const schemes = party(copy, role) ? children(party(copy, role)!, 'PartyTaxScheme') : [];
      const id = schemes[0] && child(schemes[0], 'TaxScheme') && child(child(schemes[0], 'TaxScheme')!, 'ID');
      if (!id) return false;
      set(id, 'TAX');
    });
    push(`${role} VAT number added`, (copy) => {
      const p = party(copy, role);
      if (!p) return false;
      const scheme = leaf(NS.cac, 'PartyTaxScheme', '', p);
      scheme.children.push(leaf(NS.cbc, 'CompanyID', 'NL123456789B01', scheme));
      const ts = leaf(NS.cac, 'TaxScheme', '', scheme);
      ts.children.push(leaf(NS.cbc, 'ID', 'VAT', ts));
      scheme.children.push(ts);
      insertAfter(p, scheme, ['EndpointID', 'PartyIdentification', 'PartyName', 'PostalAddress']);
    });
    push(`${role} legal registration removed`, (copy) => {
      const legal = party(copy, role) && child(party(copy, role)!, 'PartyLegalEntity');
      if (!legal || !child(legal, 'CompanyID')) return false;
      legal.children = legal.children.filter((c) => c.name !== 'CompanyID');
    });
  }
  push('tax representative with VAT number added', (copy) => {
    const rep = leaf(NS.cac, 'TaxRepresentativeParty', '', copy);
    const name = leaf(NS.cac, 'PartyName', '', rep);
    name.children.push(leaf(NS.cbc, 'Name', 'Rep', name));
    const addr = leaf(NS.cac, 'PostalAddress', '', rep);
    const country = leaf(NS.cac, 'Country', '', addr);
    country.children.push(leaf(NS.cbc, 'IdentificationCode', 'NL', country));
    addr.children.push(country);
    const scheme = leaf(NS.cac, 'PartyTaxScheme', '', rep);
    scheme.children.push(leaf(NS.cbc, 'CompanyID', 'NL123456789B01', scheme));
    const ts = leaf(NS.cac, 'TaxScheme', '', scheme);
    ts.children.push(leaf(NS.cbc, 'ID', 'VAT', ts));
    scheme.children.push(ts);
    rep.children.push(name, addr, scheme);
    insertAfter(copy, rep, ['AccountingSupplierParty', 'AccountingCustomerParty', 'PayeeParty']);
  });

  // 6. The breakdown's amounts: around the ±1 tolerance, and exactly off by cents.
  const amounts = [...walk(root)].filter(
    (e) => e.parent?.name === 'TaxSubtotal' && (e.name === 'TaxableAmount' || e.name === 'TaxAmount'),
  );
  const all = [...walk(root)];
  for (const delta of ['0.01', '-0.5', '0.99', '1', '-1', '1.01', '-1.01']) {
    const target = pickOne(amounts);
    if (!target) break;
    const i = all.indexOf(target);
    push(`${target.name} ${all.indexOf(target)} shifted by ${delta}`, (copy) => {
      const e = [...walk(copy)][i]!;
      set(e, (Number(e.text) + Number(delta)).toFixed(2));
    });
  }

  // 7. Allowances and charges with a category, on document level.
  for (const code of CODES) {
    const charge = rand() < 0.5;
    push(`document ${charge ? 'charge' : 'allowance'} with category ${code} added`, (copy) => {
      const ac = leaf(NS.cac, 'AllowanceCharge', '', copy);
      ac.children.push(leaf(NS.cbc, 'ChargeIndicator', String(charge), ac));
      ac.children.push(leaf(NS.cbc, 'AllowanceChargeReason', 'Test', ac));
      ac.children.push(leaf(NS.cbc, 'Amount', '10.00', ac, { currencyID: 'EUR' }));
      const cat = leaf(NS.cac, 'TaxCategory', '', ac);
      cat.children.push(leaf(NS.cbc, 'ID', code, cat));
      if (code !== 'O') cat.children.push(leaf(NS.cbc, 'Percent', EXEMPT.has(code) ? '0' : '25', cat));
      const ts = leaf(NS.cac, 'TaxScheme', '', cat);
      ts.children.push(leaf(NS.cbc, 'ID', 'VAT', ts));
      cat.children.push(ts);
      ac.children.push(cat);
      insertAfter(copy, ac, [
        'Delivery',
        'PaymentMeans',
        'PaymentTerms',
        'PrepaidPayment',
        'AllowanceCharge',
      ]);
    });
  }

  // 8. Delivery data (BR-IC-11/12) and country codes (BR-B-01).
  push('all categories → K without delivery', (copy) => {
    categories(copy).forEach((c) => retax(c, 'K'));
    copy.children = copy.children.filter((c) => c.name !== 'Delivery' && c.name !== 'InvoicePeriod');
  });
  push('all categories → B, every country IT', (copy) => {
    categories(copy).forEach((c) => retax(c, 'B'));
    for (const e of walk(copy)) if (e.name === 'IdentificationCode') set(e, 'IT');
  });

  // 9. An Italian seller (IT-R-001…004): VAT number prefix IT, a fiscal code, address parts removed.
  const italian = (copy: XmlElement, fiscalCode: string, drop: string): boolean | void => {
    const p = party(copy, 'AccountingSupplierParty');
    const vat = p && children(p, 'PartyTaxScheme').find((s) => child(s, 'CompanyID'));
    if (!p || !vat) return false;
    set(child(vat, 'CompanyID')!, 'IT01234567890');
    const scheme = leaf(NS.cac, 'PartyTaxScheme', '', p);
    scheme.children.push(leaf(NS.cbc, 'CompanyID', fiscalCode, scheme));
    const ts = leaf(NS.cac, 'TaxScheme', '', scheme);
    ts.children.push(leaf(NS.cbc, 'ID', 'TAX', ts));
    scheme.children.push(ts);
    insertAfter(p, scheme, ['PartyTaxScheme']);
    const address = child(p, 'PostalAddress');
    if (address) address.children = address.children.filter((c) => c.name !== drop);
  };
  push('Italian seller', (copy) => italian(copy, 'RSSMRA85T10A562S', ''));
  push('Italian seller, bad fiscal code, no street', (copy) => italian(copy, 'rss-123', 'StreetName'));
  push('Italian seller, no city', (copy) => italian(copy, '01234567890', 'CityName'));
  push('Italian seller, no postcode', (copy) => italian(copy, ' 01234567890 ', 'PostalZone'));
  return out.slice(0, budget);
}
