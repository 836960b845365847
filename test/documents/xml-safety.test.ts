// Hostile input: the validator refuses it with a clear finding and does nothing else — no file is
// read, no URL fetched, no entity expanded, no runaway memory or time.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { validateDocument, isUnreadable } from '../../src/documents/validate-document.ts';

const ORDER_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Order-2';
const only = (input: Uint8Array | string, limits = {}) => {
  const result = validateDocument(input, { limits });
  expect(result.valid).toBe(false);
  expect(isUnreadable(result)).toBe(true);
  expect(result.findings).toHaveLength(1);
  return result.findings[0]!;
};

describe('hostile and broken input', () => {
  it('an external entity (XXE) pointing at /etc/passwd is refused without reading the file', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Order xmlns="${ORDER_NS}">&xxe;</Order>`;
    const f = only(xml);
    expect(f.rule).toBe('SCHAKEL-XML-002');
    expect(f.message.en).toMatch(/DOCTYPE/);
    expect(JSON.stringify(f)).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it('an external DTD is not fetched', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('<!ENTITY x "pwned">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const f = only(
        `<!DOCTYPE Order SYSTEM "http://127.0.0.1:${port}/evil.dtd"><Order xmlns="${ORDER_NS}">&x;</Order>`,
      );
      expect(f.rule).toBe('SCHAKEL-XML-002');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('billion laughs is refused at once, without expanding anything', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
      '',
    );
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">${levels}]><Order xmlns="${ORDER_NS}">&l10;</Order>`;
    const started = performance.now();
    expect(only(xml).rule).toBe('SCHAKEL-XML-002');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an undeclared entity is a well-formedness error, not an expansion', () => {
    expect(only(`<Order xmlns="${ORDER_NS}">&foo;</Order>`).rule).toBe('SCHAKEL-XML-001');
  });

  it('a document over the size limit is refused before it is parsed (limit configurable)', () => {
    const xml = `<Order xmlns="${ORDER_NS}">${'<x/>'.repeat(500)}</Order>`;
    const f = only(xml, { maxBytes: 1000 });
    expect(f.rule).toBe('SCHAKEL-XML-003');
    expect(f.message.en).toContain('1000');
    expect(
      validateDocument(xml, { limits: { maxBytes: 10_000 } }).findings.some((x) =>
        x.rule.startsWith('SCHAKEL-XML'),
      ),
    ).toBe(false);
  });

  it('nesting deeper than the limit is refused', () => {
    const depth = 200;
    const xml = `<Order xmlns="${ORDER_NS}">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Order>`;
    expect(only(xml).rule).toBe('SCHAKEL-XML-004');
    expect(only(`<Order xmlns="${ORDER_NS}"><a><b><c/></b></a></Order>`, { maxDepth: 3 }).rule).toBe(
      'SCHAKEL-XML-004',
    );
  });

  it('more elements than the limit are refused', () => {
    const xml = `<Order xmlns="${ORDER_NS}">${'<a/>'.repeat(200)}</Order>`;
    expect(only(xml, { maxElements: 100 }).rule).toBe('SCHAKEL-XML-005');
  });

  it('bytes that are not UTF-8 (Latin-1, UTF-16) are refused with a clear message', () => {
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding="ISO-8859-1"?><Order xmlns="${ORDER_NS}"><n>caf\xe9</n></Order>`,
      'latin1',
    );
    const f = only(latin1);
    expect(f.rule).toBe('SCHAKEL-XML-006');
    expect(f.message.en).toMatch(/UTF-8/);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`<Order xmlns="${ORDER_NS}"/>`, 'utf16le'),
    ]);
    expect(only(utf16).rule).toBe('SCHAKEL-XML-006');
  });

  it('malformed XML gives the position of the problem', () => {
    const f = only(`<Order xmlns="${ORDER_NS}">\n  <cbc:ID>1</cbc:ID>\n</Order>`);
    expect(f.rule).toBe('SCHAKEL-XML-001');
    expect(f.line).toBe(2);
    expect(only('').rule).toBe('SCHAKEL-XML-001');
    expect(only('just text').rule).toBe('SCHAKEL-XML-001');
  });
});
