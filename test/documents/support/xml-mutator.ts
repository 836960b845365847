// Deterministic mutations of UBL documents for the oracle test: each variant breaks a document in one
// specific way (a missing element, a bad code, a wrong check digit, arithmetic that no longer adds up…)
// so that Schakel's validator and the official one can be compared on many realistic mistakes.
import { parseXml } from '../../../src/documents/xml-parser.ts';
import { NS, type XmlElement } from '../../../src/documents/xml-tree.ts';

export interface Variant {
  label: string;
  xml: string;
}

/** A mutable copy of a parsed element tree. */
export function cloneTree(el: XmlElement, parent: XmlElement | null = null): XmlElement {
  const copy: XmlElement = { ...el, attrs: { ...el.attrs }, children: [], parent };
  copy.children = el.children.map((c) => cloneTree(c, copy));
  return copy;
}

const PREFIXES: Record<string, string> = { [NS.cac]: 'cac', [NS.cbc]: 'cbc', [NS.ext]: 'ext' };
const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => escText(s).replace(/"/g, '&quot;');

/** Serialises a tree: the root's namespace is the default, cac/cbc/ext keep their prefixes. */
export function serialize(root: XmlElement): string {
  const extra = new Map<string, string>();
  const collect = (e: XmlElement): void => {
    if (e.ns && e.ns !== root.ns && !PREFIXES[e.ns] && !extra.has(e.ns))
      extra.set(e.ns, `ns${extra.size + 1}`);
    e.children.forEach(collect);
  };
  collect(root);
  const name = (e: XmlElement): string => {
    if (e.ns === root.ns) return e.name;
    const p = PREFIXES[e.ns] ?? extra.get(e.ns);
    return p ? `${p}:${e.name}` : e.name;
  };
  const write = (e: XmlElement, isRoot: boolean): string => {
    let attrs = Object.entries(e.attrs)
      .map(([k, v]) =>
        k === 'schemaLocation' ? ` xsi:schemaLocation="${escAttr(v)}"` : ` ${k}="${escAttr(v)}"`,
      )
      .join('');
    if (isRoot) {
      const decls = [
        root.ns ? ` xmlns="${root.ns}"` : '',
        ` xmlns:cac="${NS.cac}" xmlns:cbc="${NS.cbc}" xmlns:ext="${NS.ext}"`,
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        ...[...extra].map(([uri, p]) => ` xmlns:${p}="${uri}"`),
      ];
      attrs = decls.join('') + attrs;
    }
    const inner = escText(e.rawText) + e.children.map((c) => write(c, false)).join('');
    return inner ? `<${name(e)}${attrs}>${inner}</${name(e)}>` : `<${name(e)}${attrs}/>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, true)}\n`;
}

function* walk(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

/** Path of qualified names without positions: the "kind" of an element for choosing diverse targets. */
const signature = (e: XmlElement): string =>
  (e.parent ? `${signature(e.parent)}/` : '') + (PREFIXES[e.ns] ?? '') + ':' + e.name;

/** A short, readable path with positions for variant labels. */
function where(e: XmlElement): string {
  const parts: string[] = [];
  for (let x: XmlElement | null = e; x; x = x.parent) {
    const cur = x;
    const same = cur.parent
      ? cur.parent.children.filter((c) => c.name === cur.name && c.ns === cur.ns)
      : [cur];
    parts.unshift(same.length > 1 ? `${cur.name}[${same.indexOf(cur) + 1}]` : cur.name);
  }
  return '/' + parts.join('/');
}

/** Index of an element in document order, to find its copy in a cloned tree. */
function indexOf(root: XmlElement, target: XmlElement): number {
  let i = 0;
  for (const e of walk(root)) {
    if (e === target) return i;
    i++;
  }
  return -1;
}
function nth(root: XmlElement, index: number): XmlElement {
  let i = 0;
  for (const e of walk(root)) if (i++ === index) return e;
  throw new Error('no such element');
}

const el = (
  ns: string,
  name: string,
  text: string,
  parent: XmlElement,
  attrs: Record<string, string> = {},
): XmlElement => ({
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
});

type Mutation = (target: XmlElement, root: XmlElement) => string | null;

/** Applies `mutate` to the copy of `target` in a fresh clone; the returned text labels the variant. */
function variant(root: XmlElement, target: XmlElement, what: string, mutate: Mutation): Variant | null {
  const copy = cloneTree(root);
  const t = nth(copy, indexOf(root, target));
  const detail = mutate(t, copy);
  if (detail === null) return null;
  return { label: `${what} ${where(target)}${detail ? ` (${detail})` : ''}`, xml: serialize(copy) };
}

const remove = (t: XmlElement): string => {
  t.parent!.children = t.parent!.children.filter((c) => c !== t);
  return '';
};
const setText =
  (value: string) =>
  (t: XmlElement): string | null => {
    if (t.children.length) return null;
    t.rawText = value;
    t.text = value.trim();
    return JSON.stringify(value);
  };

const isLeaf = (e: XmlElement): boolean => e.children.length === 0;
const is = (e: XmlElement, name: string): boolean => e.name === name;

/** Small deterministic PRNG (mulberry32) so that the variants are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAD_DATES = ['2024-13-01', '2024-02-30', '2024-1-5', '20240105', ' 2024-01-05', '2024-01-05Z'];
const SCHEMES: [string, string, string][] = [
  // [scheme, valid value, invalid value]
  ['0088', '7300010000001', '7300010000002'],
  ['0192', '987654325', '987654321'],
  ['0184', 'DK12345678', 'DK1234567X'],
  ['0096', '1234567890', '12345'],
  ['0198', 'DK12345678', '12345678'],
  ['0208', '0123456749', '0123456789'],
  ['0201', 'ABC123', 'ABC12'],
  ['0210', 'RSSMRA85T10A562S', 'RSSMRA85T10A56'],
  ['0211', 'IT01234567890', 'IT01234567891'],
  ['0007', '5560360793', '5560360794'],
  ['0151', '51824753556', '51824753557'],
  ['0106', '12345678', '1234567'],
  ['0190', '12345678901234567890', '1234'],
  ['9944', 'NL123456789B01', 'NL12345678B01'],
  ['0217', '123456789012', '12345678901'],
  ['9907', 'RSSMRA85T10A562S', 'X'],
];

/** Deterministic variants of one document, about `budget` of them, spread over many kinds of mistakes. */
export function mutateDocument(xml: string, seed: number, budget: number): Variant[] {
  const root = parseXml(xml, { maxBytes: 50_000_000 });
  const rand = prng(seed);
  const all = [...walk(root)];
  const out: Variant[] = [];
  const push = (v: Variant | null): void => {
    if (v) out.push(v);
  };
  const pick = <T>(items: T[], n: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (pool.length && chosen.length < n)
      chosen.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
    return chosen;
  };
  const share = Math.max(1, Math.round(budget / 14));

  // 1. Remove elements: one per distinct kind, so mandatory ones everywhere in the model are covered.
  const kinds = new Map<string, XmlElement>();
  for (const e of all.slice(1)) if (!kinds.has(signature(e))) kinds.set(signature(e), e);
  for (const e of pick([...kinds.values()], share * 3)) push(variant(root, e, 'remove', remove));

  // 2. Empty leaf elements.
  for (const e of pick(
    all.filter((e) => isLeaf(e) && e.parent),
    share,
  ))
    push(variant(root, e, 'empty', setText('')));

  // 3. Invalid codes in code-like leaves and attributes.
  const codeLeaves = all.filter((e) => isLeaf(e) && /(Code|ID)$/.test(e.name) && e.parent);
  for (const e of pick(codeLeaves, share))
    push(variant(root, e, 'bad code', setText(rand() < 0.5 ? 'QQ9' : 'zz')));
  const withAttrs = all.filter((e) =>
    Object.keys(e.attrs).some((k) => /^(schemeID|unitCode|currencyID|mimeCode|listID)$/.test(k)),
  );
  for (const e of pick(withAttrs, share)) {
    const key = Object.keys(e.attrs).find((k) => /^(schemeID|unitCode|currencyID|mimeCode|listID)$/.test(k))!;
    push(
      variant(root, e, `bad @${key}`, (t) => ((t.attrs[key] = rand() < 0.5 ? 'QQQ' : 'USD'), t.attrs[key])),
    );
    push(variant(root, e, `remove @${key}`, (t) => (delete t.attrs[key], '')));
  }

  // 4. Dates.
  for (const e of pick(
    all.filter((e) => /Date$/.test(e.name) && isLeaf(e)),
    share,
  )) {
    push(variant(root, e, 'bad date', setText(BAD_DATES[Math.floor(rand() * BAD_DATES.length)]!)));
  }

  // 5. Amounts and quantities: shifted values (arithmetic), too many decimals, negative; rarely unparsable.
  const numbers = all.filter((e) => isLeaf(e) && /(Amount|Quantity|Percent|Numeric)$/.test(e.name));
  for (const e of pick(numbers, share * 3)) {
    const r = rand();
    const n = Number(e.rawText.trim());
    const value =
      r < 0.35
        ? (n + 1).toFixed(2)
        : r < 0.55
          ? `${n}.125`.replace(/\.(\d+)\.125$/, '.$1125')
          : r < 0.8
            ? `-${Math.abs(n) + 1}`
            : r < 0.9
              ? '0'
              : '1,50';
    push(variant(root, e, 'change number', setText(value)));
  }

  // 6. Line identifiers: duplicate the first line's id onto another line.
  const lineIds = all.filter(
    (e) =>
      is(e, 'ID') && e.parent && /^(LineItem|DespatchLine|InvoiceLine|CreditNoteLine)$/.test(e.parent.name),
  );
  if (lineIds.length > 1) push(variant(root, lineIds[1]!, 'duplicate line id', setText(lineIds[0]!.rawText)));
  if (lineIds[0]) push(variant(root, lineIds[0], 'remove line id', remove));

  // 7. Identifier schemes and check digits.
  const ids = all.filter(
    (e) =>
      isLeaf(e) && /^(EndpointID|ID|CompanyID)$/.test(e.name) && e.parent && e.attrs.schemeID !== undefined,
  );
  for (const e of pick(ids, share)) {
    const [scheme, good, bad] = SCHEMES[Math.floor(rand() * SCHEMES.length)]!;
    const value = rand() < 0.6 ? bad : good;
    push(
      variant(
        root,
        e,
        `identifier ${scheme}`,
        (t) => ((t.attrs.schemeID = scheme), (t.rawText = value), (t.text = value), value),
      ),
    );
  }
  for (const e of pick(
    all.filter((e) => e.attrs.schemeID === '0088'),
    2,
  )) {
    push(
      variant(root, e, 'GLN check digit', (t) => {
        const s = t.rawText.trim();
        const last = (Number(s.slice(-1)) + 1) % 10;
        t.rawText = t.text = s.slice(0, -1) + last;
        return t.rawText;
      }),
    );
  }
  const taxIds = all.filter((e) => is(e, 'CompanyID') && e.parent && is(e.parent, 'PartyTaxScheme'));
  for (const e of pick(taxIds, 2)) {
    push(
      variant(
        root,
        e,
        'VAT number',
        setText(pick(['XX123', 'NL12345678B01', 'NL123456789B01', ' NL123456789B01', 'D'], 1)[0]!),
      ),
    );
  }

  // 8. Currencies.
  const docCurrency = all.find((e) => is(e, 'DocumentCurrencyCode'));
  if (docCurrency) {
    push(variant(root, docCurrency, 'document currency', setText('USD')));
    push(variant(root, docCurrency, 'document currency', setText('EURO')));
    push(variant(root, docCurrency, 'document currency', setText(' EUR')));
  }

  // 9. Elements that are not in the data model, and duplicates (cardinality).
  const parents = all.filter((e) => !isLeaf(e));
  for (const e of pick(parents, share)) {
    push(variant(root, e, 'unknown element in', (t) => (t.children.push(el(NS.cbc, 'Foo', 'x', t)), '')));
  }
  for (const e of pick(
    all.filter((e) => isLeaf(e) && e.parent),
    share,
  )) {
    push(
      variant(root, e, 'duplicate', (t) => {
        const copy = cloneTree(t, t.parent);
        const i = t.parent!.children.indexOf(t);
        t.parent!.children.splice(i + 1, 0, copy);
        return '';
      }),
    );
  }

  // 10. Identification of the document itself.
  const cust = all.find((e) => is(e, 'CustomizationID') && e.parent === root);
  if (cust) {
    push(variant(root, cust, 'customization', setText(`${cust.rawText.trim()}:extended:urn:example`)));
    push(variant(root, cust, 'customization', setText(` ${cust.rawText.trim()} `)));
  }
  const prof = all.find((e) => is(e, 'ProfileID') && e.parent === root);
  if (prof) {
    for (const p of [
      'urn:fdc:peppol.eu:poacc:bis:ordering:3',
      'urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3',
      'urn:fdc:peppol.eu:poacc:bis:order_only:3',
      'urn:example:other',
    ]) {
      if (p !== prof.rawText.trim()) push(variant(root, prof, 'profile', setText(p)));
    }
  }
  push(variant(root, root, 'schema location on', (t) => ((t.attrs.schemaLocation = 'urn:x order.xsd'), '')));

  // 11. Business-rule specific edits.
  for (const e of all.filter((e) => is(e, 'OrderResponseCode'))) {
    for (const code of ['AP', 'CA', 'RE', 'AB']) push(variant(root, e, 'response code', setText(code)));
  }
  for (const e of pick(
    all.filter((e) => is(e, 'AllowanceCharge')),
    3,
  )) {
    push(
      variant(root, e, 'allowance without base', (t) => {
        t.children = t.children.filter((c) => !is(c, 'BaseAmount'));
        if (!t.children.some((c) => is(c, 'MultiplierFactorNumeric')))
          t.children.push(el(NS.cbc, 'MultiplierFactorNumeric', '10', t));
        return '';
      }),
    );
    push(
      variant(root, e, 'allowance without percentage', (t) => {
        t.children = t.children.filter((c) => !is(c, 'MultiplierFactorNumeric'));
        if (!t.children.some((c) => is(c, 'BaseAmount')))
          t.children.push(el(NS.cbc, 'BaseAmount', '100.00', t, { currencyID: 'EUR' }));
        return '';
      }),
    );
    push(
      variant(root, e, 'allowance reasons removed', (t) => {
        t.children = t.children.filter((c) => !/^AllowanceChargeReason/.test(c.name));
        return '';
      }),
    );
    push(
      variant(root, e, 'charge indicator flipped', (t) => {
        const ci = t.children.find((c) => is(c, 'ChargeIndicator'));
        if (!ci) return null;
        ci.rawText = ci.text = ci.text === 'true' ? 'false' : 'true';
        return ci.text;
      }),
    );
  }
  for (const e of pick(
    all.filter((e) => is(e, 'ID') && e.parent && /TaxCategory$/.test(e.parent.name)),
    3,
  )) {
    for (const code of ['S', 'O', 'E', 'Z', 'X']) push(variant(root, e, 'tax category', setText(code)));
  }
  for (const e of pick(
    all.filter((e) => is(e, 'Percent')),
    2,
  ))
    push(variant(root, e, 'remove rate', remove));
  for (const e of pick(
    all.filter((e) => is(e, 'PromisedDeliveryPeriod') || is(e, 'RequestedDeliveryPeriod')),
    2,
  )) {
    push(
      variant(root, e, 'period reversed', (t) => {
        const s = t.children.find((c) => is(c, 'StartDate'));
        const en = t.children.find((c) => is(c, 'EndDate'));
        if (!s || !en) return null;
        [s.rawText, en.rawText] = [en.rawText, s.rawText];
        [s.text, en.text] = [en.text, s.text];
        if (s.rawText === en.rawText) en.rawText = en.text = '2000-01-01';
        return '';
      }),
    );
  }
  for (const e of pick(
    all.filter((e) => is(e, 'OrderLine') || is(e, 'DespatchLine') || is(e, 'InvoiceLine')),
    1,
  )) {
    push(variant(root, e, 'remove line', remove));
  }
  return out;
}
