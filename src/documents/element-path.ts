// The XPath of an element (as xml-tree's xpath writes it), computed once per element and with sibling
// counts computed once per parent: readers name every line of a document, and recomputing each path by
// scanning all siblings would make reading a 1,000-line document quadratic.
import { qname, type XmlElement } from './xml-tree.ts';

const counts = new WeakMap<XmlElement, Map<string, Map<string, number>>>();
const paths = new WeakMap<XmlElement, string>();

function siblingsNamedLike(el: XmlElement): number {
  const parent = el.parent!;
  let byNs = counts.get(parent);
  if (!byNs) {
    // Nested maps by namespace and name: no key string to build per child.
    byNs = new Map();
    for (const c of parent.children) {
      let byName = byNs.get(c.ns);
      if (!byName) byNs.set(c.ns, (byName = new Map<string, number>()));
      byName.set(c.name, (byName.get(c.name) ?? 0) + 1);
    }
    counts.set(parent, byNs);
  }
  return byNs.get(el.ns)?.get(el.name) ?? 1;
}

/** E.g. /Order/cac:OrderLine[2]/cac:LineItem; a position only where the element has same-named siblings. */
export function elementPath(el: XmlElement): string {
  const known = paths.get(el);
  if (known) return known;
  const step = el.parent ? (siblingsNamedLike(el) > 1 ? `${qname(el)}[${el.position}]` : qname(el)) : el.name;
  const result = el.parent ? `${elementPath(el.parent)}/${step}` : `/${step}`;
  paths.set(el, result);
  return result;
}
