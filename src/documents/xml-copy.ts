// Copies a parsed element into a written document unchanged (same UBL prefixes, attributes and text),
// for the few parts of a received document that the order model does not keep.
import { qname, type XmlElement } from './xml-tree.ts';
import type { XmlNode } from './xml-writer.ts';

export function copyElement(el: XmlElement): XmlNode {
  return {
    name: qname(el),
    attrs: { ...el.attrs },
    children: el.children.map(copyElement),
    text: el.children.length === 0 ? el.text : null,
  };
}
