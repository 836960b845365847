// Writing an order's state as UBL: every document passes Schakel's validator, says what the order
// says (read back with the readers), and escapes whatever text the order holds.
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.ts';
import type { OrderEvent } from '../../src/domain/order-events.ts';
import type { Order } from '../../src/domain/order-types.ts';
import type {
  DespatchAdviceDocument,
  InvoiceDocument,
  OrderChangeDocument,
  OrderDocument,
  OrderResponseDocument,
} from '../../src/documents/document-model.ts';
import { writeDocument } from '../../src/documents/document-writer.ts';
import type { ExportContext } from '../../src/documents/export-context.ts';
import type { OrderExportType, Profile } from '../../src/documents/ubl-vocabulary.ts';
import { validateDocument } from '../../src/documents/validate-document.ts';
import { escapeAttribute, escapeText, el, leaf, serializeXml } from '../../src/documents/xml-writer.ts';
import { parseXml } from '../../src/documents/xml-parser.ts';
import { path } from '../../src/documents/xml-tree.ts';
import { fixture } from './support/document-node.ts';
import { act, orderOf, read, readText, T } from './support/domain-orders.ts';

const buyer = {
  name: 'Machinefabriek Noord BV',
  identifiers: [
    { scheme: '0088', value: '8712345678906' },
    { scheme: '9944', value: 'NL987654321B01' },
  ],
  city: 'Eindhoven',
  country: 'NL',
};
const seller = {
  name: 'Draaierij Zuid BV',
  identifiers: [
    { scheme: '0106', value: '12345678' },
    { scheme: '9944', value: 'NL123456789B01' },
  ],
  city: 'Helmond',
  country: 'NL',
};

const event = (
  type: OrderEvent['type'],
  data: Record<string, unknown> = {},
  lineId: string | null = null,
  reason: string | null = null,
): OrderEvent => ({
  id: 'e',
  orderId: 'o',
  type,
  lineId,
  data,
  reason,
  at: T,
  actor: { companyId: 'c', companyName: 'c', userId: null, tokenId: null, name: 't' },
  documentId: null,
});

function write(
  order: Order,
  type: OrderExportType,
  profile: Profile = 'peppol',
  extra: Partial<ExportContext> = {},
): string {
  const xml = writeDocument(type, {
    order,
    buyer,
    seller,
    profile,
    today: '2026-11-22',
    events: [],
    ...extra,
  });
  const validation = validateDocument(xml);
  expect(
    validation.findings.filter((f) => f.severity === 'fatal'),
    xml,
  ).toEqual([]);
  return xml;
}

const accept = (o: Order) =>
  act(o, [
    { type: 'respond', answers: o.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })) },
    'seller',
  ]);

describe('XML serialisation', () => {
  it('escapes markup characters in text and attributes and drops characters XML cannot carry', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
    expect(escapeText('bell\u0007 and null\u0000')).toBe('bell and null');
    const xml = serializeXml(
      el('Root', { a: 'x"y', skipped: undefined }, leaf('Empty', ''), el('T', {}, ']]> & <![CDATA[')),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Root a="x&quot;y">\n  <T>]]&gt; &amp; &lt;![CDATA[</T>\n</Root>\n',
    );
    expect(parseXml(xml).children[0]!.text).toBe(']]> & <![CDATA[');
  });
});

describe('Order', () => {
  it('Peppol T01: the current request, read back identically', () => {
    const original = read<OrderDocument>('peppol-order.xml').order;
    const back = readText<OrderDocument>(write(orderOf('peppol-order.xml'), 'Order'));
    expect([back.profile, back.orderType]).toEqual(['peppol', 'new']);
    expect(back.order).toEqual(original);
  });

  it('sends the delivery address as typed; its country the one it ends with, else the buyer’s', () => {
    const order = orderOf('peppol-order.xml');
    const sent = (address: string) => {
      const xml = write({ ...order, deliveryLocation: { ...order.deliveryLocation!, address } }, 'Order');
      const at = parseXml(xml);
      const lines = path(at, 'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:AddressLine/cbc:Line');
      const country = path(
        at,
        'cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode',
      );
      return {
        lines: lines.map((l) => l.text),
        country: country.map((c) => c.text),
        readBack: readText<OrderDocument>(xml).order.deliveryLocation!.address,
      };
    };
    expect(sent('De Run 1, Eindhoven')).toEqual({
      lines: ['De Run 1, Eindhoven'],
      country: ['NL'],
      readBack: 'De Run 1, Eindhoven',
    });
    expect(sent('De Run 1, Eindhoven, NL')).toEqual({
      lines: ['De Run 1, Eindhoven, NL'],
      country: ['NL'],
      readBack: 'De Run 1, Eindhoven, NL',
    });
    expect(sent('Hafenstr. 5, Köln, DE')).toEqual({
      lines: ['Hafenstr. 5, Köln, DE'],
      country: ['DE'],
      readBack: 'Hafenstr. 5, Köln, DE',
    });
    expect(sent('BE')).toEqual({ lines: [], country: ['BE'], readBack: 'BE' });
  });

  it('SCSN: one cac:Delivery per delivery line; after a change OrderType Changed with line statuses', () => {
    const order = orderOf('scsn-order.xml');
    const fresh = readText<OrderDocument>(write(order, 'Order', 'scsn'));
    expect([fresh.profile, fresh.orderType, fresh.order.lines[0]!.schedule]).toEqual([
      'scsn',
      'new',
      [
        { id: '1', date: '2027-02-01', quantity: '40' },
        { id: '2', date: '2027-03-01', quantity: '60' },
      ],
    ]);
    const changed = act(accept(order), [
      {
        type: 'change',
        change: [{ lineId: '2', quantity: '12' }],
        add: [
          {
            lineId: '3',
            item: { name: 'Scharnier' },
            unitCode: 'C62',
            price: { amount: '1' },
            schedule: [{ date: '2027-02-15', quantity: '4' }],
          },
        ],
      },
      'buyer',
    ]);
    const xml = write(changed, 'Order', 'scsn', { events: [event('line.added', {}, '3')] });
    const back = readText<OrderDocument>(xml);
    expect(back.orderType).toBe('changed');
    expect(back.changes.map((c) => [c.lineId, c.intent])).toEqual([
      ['1', 'auto'],
      ['2', 'change'],
      ['3', 'add'],
    ]);
  });

  it('Peppol carries one requested period per line: a schedule becomes the period from first to last date', () => {
    const xml = write(orderOf('scsn-order.xml'), 'Order');
    const back = readText<OrderDocument>(xml);
    expect(back.order.lines[0]!.schedule).toEqual([{ date: '2027-03-01', quantity: '100' }]);
    expect(xml).toContain('<cbc:StartDate>2027-02-01</cbc:StartDate>');
  });

  it('escapes text from the order (notes, item names)', () => {
    const order = orderOf('peppol-order.xml');
    const tricky = {
      ...order,
      note: 'A & B <urgent> "now"',
      lines: order.lines.map((l) => ({ ...l, item: { ...l.item, name: 'M8 <DIN 933> & nut' } })),
    };
    const back = readText<OrderDocument>(write(tricky, 'Order'));
    expect([back.order.note, back.order.lines[0]!.item.name]).toEqual([
      'A & B <urgent> "now"',
      'M8 <DIN 933> & nut',
    ]);
  });
});

describe('OrderResponse, OrderResponseAdvanced, OrderAgreement', () => {
  const seller0 = orderOf('peppol-order.xml', 'seller');

  it('all lines accepted: AP without lines', () => {
    const xml = write(accept(seller0), 'OrderResponse');
    const back = readText<OrderResponseDocument>(xml);
    expect([back.responseCode, back.lines, back.orderNumber]).toEqual(['AP', [], 'PO-2026-0042']);
  });

  it('all lines rejected for one reason: RE with the reason as note', () => {
    const rejected = act(seller0, [
      {
        type: 'respond',
        answers: seller0.lines.map((l) => ({
          lineId: l.lineId,
          answer: 'reject' as const,
          reason: 'No capacity',
        })),
      },
      'seller',
    ]);
    const back = readText<OrderResponseDocument>(write(rejected, 'OrderResponse'));
    expect([back.responseCode, back.note, back.lines]).toEqual(['RE', 'No capacity', []]);
  });

  it('mixed answers: CA with code 5, 7 (with reason) and 3 (with the proposed terms); unanswered lines left out', () => {
    const three = act(
      seller0,
      [
        {
          type: 'change',
          add: [
            {
              lineId: '30',
              item: { name: 'Extra' },
              unitCode: 'C62',
              price: { amount: '2' },
              schedule: [{ date: '2027-01-20', quantity: '5' }],
            },
          ],
        },
        'buyer',
      ],
      [
        {
          type: 'respond',
          answers: [
            { lineId: '10', answer: 'reject', reason: 'Tool broken' },
            { lineId: '20', answer: 'propose', quantity: '200', note: 'Stock' },
          ],
        },
        'seller',
      ],
    );
    const xml = write(three, 'OrderResponse');
    const back = readText<OrderResponseDocument>(xml);
    expect(back.responseCode).toBe('CA');
    expect(
      back.lines.map((l) => [
        l.lineId,
        l.status,
        l.code,
        l.note,
        l.quantity,
        l.deliveries.map((d) => d.date),
      ]),
    ).toEqual([
      ['10', 'rejected', '7', 'Tool broken', null, []],
      ['20', 'changed', '3', 'Stock', '200', ['2027-01-15']],
    ]);
    const advanced = readText<OrderResponseDocument>(write(three, 'OrderResponseAdvanced'));
    expect([advanced.documentType, advanced.lines.length]).toEqual(['OrderResponseAdvanced', 2]);
  });

  it('SCSN: every answered line with status word and promised delivery lines (BR-10)', () => {
    const scsn = accept(orderOf('scsn-order.xml', 'seller'));
    const back = readText<OrderResponseDocument>(write(scsn, 'OrderResponse', 'scsn'));
    expect(
      back.lines.map((l) => [l.lineId, l.code, l.deliveries.map((d) => `${d.id}:${d.quantity}@${d.date}`)]),
    ).toEqual([
      ['1', 'accepted', ['1:40@2027-02-01', '2:60@2027-03-01']],
      ['2', 'accepted', ['1:10@2027-02-15']],
    ]);
  });

  it('an order agreement states the agreed lines with amounts; without agreed lines there is none', () => {
    const back = readText<OrderResponseDocument>(write(accept(seller0), 'OrderAgreement'));
    expect(back.lines.map((l) => [l.lineId, l.quantity, l.price])).toEqual([
      ['10', '100', { amount: '12.5', baseQuantity: '1' }],
      ['20', '250', { amount: '210', baseQuantity: '100' }],
    ]);
    expect(() =>
      writeDocument('OrderAgreement', {
        order: seller0,
        buyer,
        seller,
        profile: 'peppol',
        today: '2026-11-22',
        events: [],
      }),
    ).toThrow('order PO-2026-0042 has no agreed lines to state in an order agreement');
  });

  it('nothing answered yet: no response to write', () => {
    const e = (() => {
      try {
        writeDocument('OrderResponse', {
          order: seller0,
          buyer,
          seller,
          profile: 'peppol',
          today: '2026-11-22',
          events: [],
        });
      } catch (err) {
        return err as DomainError;
      }
      return null;
    })();
    expect([e?.code, e?.message]).toEqual([
      'transition_not_allowed',
      'the seller has not answered any line of order PO-2026-0042 yet',
    ]);
  });
});

describe('OrderChange, OrderCancellation, DespatchAdvice, ReceiptAdvice, Invoice', () => {
  const agreed = accept(orderOf('peppol-order.xml'));

  it('OrderChange: changed lines (3), added lines (1) and cancelled lines (2)', () => {
    const changed = act(agreed, [
      {
        type: 'change',
        change: [{ lineId: '10', quantity: '120' }],
        cancel: [{ lineId: '20', reason: 'not needed' }],
        add: [
          {
            lineId: '30',
            item: { name: 'Extra' },
            unitCode: 'C62',
            price: { amount: '2' },
            schedule: [{ date: '2027-01-20', quantity: '5' }],
          },
        ],
        reason: 'Plan changed',
      },
      'buyer',
    ]);
    const back = readText<OrderChangeDocument>(
      write(changed, 'OrderChange', 'peppol', { events: [event('line.added', {}, '30', 'Plan changed')] }),
    );
    expect(back.changes.map((c) => [c.lineId, c.intent, c.line?.quantity ?? null])).toEqual([
      ['10', 'change', '120'],
      ['20', 'cancel', null],
      ['30', 'add', '5'],
    ]);
    expect(back.reason).toBe('Plan changed');
  });

  it('OrderCancellation needs a cancelled order', () => {
    expect(() => write(agreed, 'OrderCancellation')).toThrow('order PO-2026-0042 is not cancelled');
    const cancelled = act(agreed, [{ type: 'cancel', reason: 'Project stopped' }, 'buyer']);
    const xml = write(cancelled, 'OrderCancellation', 'peppol', {
      events: [event('order.cancelled', {}, null, 'Project stopped')],
    });
    expect(xml).toContain('<cbc:CancellationNote>Project stopped</cbc:CancellationNote>');
  });

  it('DespatchAdvice: one despatch, delivery lines of an order line summed', () => {
    const shipped = act(agreed, [
      {
        type: 'ship',
        despatch: { id: 'd1', number: 'D-1' },
        lines: [{ lineId: '10', deliveryLineId: '1', quantity: '60' }],
      },
      'seller',
    ]);
    const events = [
      event('goods.shipped', { despatchNumber: 'D-1', quantity: '60', deliveryLineId: '1' }, '10'),
    ];
    const back = readText<DespatchAdviceDocument>(
      write(shipped, 'DespatchAdvice', 'peppol', { events, despatchDate: '2027-01-08' }),
    );
    expect([
      back.documentId,
      back.despatchDate,
      back.lines.map((l) => [l.lineId, l.quantity, l.orderNumber]),
    ]).toEqual(['D-1', '2027-01-08', [['10', '60', 'PO-2026-0042']]]);
    expect(() => write(shipped, 'DespatchAdvice', 'peppol', { events, ref: 'D-9' })).toThrow(
      'order PO-2026-0042 has no despatch D-9',
    );
  });

  it('ReceiptAdvice: received and rejected so far, with the reason', () => {
    const received = act(
      agreed,
      [
        {
          type: 'ship',
          despatch: { id: 'd1', number: 'D-1' },
          lines: [{ lineId: '10', deliveryLineId: '1', quantity: '60' }],
        },
        'seller',
      ],
      [
        {
          type: 'receive',
          lines: [{ lineId: '10', deliveryLineId: '1', received: '58', rejected: '2', reason: 'Bent' }],
        },
        'buyer',
      ],
    );
    const xml = write(received, 'ReceiptAdvice', 'ubl', {
      events: [event('goods.received', {}, '10', 'Bent')],
    });
    expect(xml).toContain('<cbc:ReceivedQuantity unitCode="C62">58</cbc:ReceivedQuantity>');
    expect(xml).toContain('<cbc:RejectReason>Bent</cbc:RejectReason>');
  });

  it('Invoice: credit lines stay negative, lines matched by item go out without reference and with their numbers', () => {
    const invoiced = act(
      agreed,
      [
        {
          type: 'ship',
          despatch: { id: 'd1', number: 'D-1' },
          lines: [{ lineId: '10', deliveryLineId: '1', quantity: '60' }],
        },
        'seller',
      ],
      [{ type: 'receive', lines: [{ lineId: '10', deliveryLineId: '1', received: '60' }] }, 'buyer'],
      [
        {
          type: 'invoice',
          invoiceId: 'i1',
          invoice: {
            number: 'INV-1',
            issueDate: '2027-01-12',
            lines: [
              {
                item: {
                  name: 'Beugel',
                  sellerItemId: 'DZ-100-A',
                  buyerItemId: null,
                  standardItemId: { value: '08712345678906', scheme: '0160' },
                  unitCode: 'C62',
                },
                quantity: '60',
                price: { amount: '12.5' },
              },
              { lineId: '10', quantity: '-4', price: { amount: '12.5' } },
              {
                item: {
                  name: 'Vracht',
                  sellerItemId: 'FREIGHT',
                  buyerItemId: null,
                  standardItemId: null,
                  unitCode: 'EA',
                },
                quantity: '1',
                price: { amount: '35' },
              },
            ],
          },
        },
        'seller',
      ],
    );
    const xml = write(invoiced, 'Invoice', 'peppol', {
      invoiceSource: parseXml(fixture('peppol-invoice.xml')),
    });
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="C62">-4</cbc:InvoicedQuantity>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="EUR">-50.00</cbc:LineExtensionAmount>');
    expect(xml).toContain('<cbc:ID schemeID="0160">08712345678906</cbc:ID>');
    // The freight line matched no order line: its own unit and item.
    expect(xml).toContain('<cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity>');
    const back = readText<InvoiceDocument>(xml);
    expect(back.lines.map((l) => [l.lineId, l.item?.sellerItemId ?? null, l.quantity])).toEqual([
      [null, 'DZ-100-A', '60'],
      ['10', null, '-4'],
      [null, 'FREIGHT', '1'],
    ]);
    // 750 − 50 + 35, with 21 % VAT.
    expect(back.payable).toBe('889.35');
    expect(validateDocument(xml).findings.filter((f) => f.severity === 'fatal')).toEqual([]);
  });

  it('Invoice: lines with the order line reference, VAT from the caller, totals that add up', () => {
    const invoiced = act(
      agreed,
      [
        {
          type: 'ship',
          despatch: { id: 'd1', number: 'D-1' },
          lines: [{ lineId: '10', deliveryLineId: '1', quantity: '60' }],
        },
        'seller',
      ],
      [{ type: 'receive', lines: [{ lineId: '10', deliveryLineId: '1', received: '60' }] }, 'buyer'],
      [
        {
          type: 'invoice',
          invoiceId: 'i1',
          invoice: {
            number: 'INV-1',
            issueDate: '2027-01-12',
            lines: [{ lineId: '10', quantity: '60', price: { amount: '12.5' } }],
          },
        },
        'seller',
      ],
    );
    // The addresses and payment means come from the invoice's original document (not in the order model).
    const invoiceSource = parseXml(fixture('peppol-invoice.xml'));
    const xml = write(invoiced, 'Invoice', 'peppol', { invoiceSource });
    expect(xml).toContain('<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>');
    expect(xml).toContain('<cbc:StreetName>Kanaaldijk 7</cbc:StreetName>');
    const back = readText<InvoiceDocument>(xml);
    expect([
      back.documentId,
      back.orderNumber,
      back.payable,
      back.lines.map((l) => [l.lineId, l.quantity]),
    ]).toEqual(['INV-1', 'PO-2026-0042', '907.5', [['10', '60']]]);
    expect(xml).toContain('<cbc:Percent>21</cbc:Percent>');
    const zero = write(invoiced, 'Invoice', 'peppol', {
      invoiceSource,
      vat: { category: 'O', percent: '0' },
    });
    expect(zero).toContain('<cbc:TaxExemptionReason>Not subject to VAT</cbc:TaxExemptionReason>');
    expect(zero).not.toContain('NL123456789B01');
    expect(() => write(invoiced, 'Invoice', 'peppol', { ref: 'INV-9' })).toThrow(
      'order PO-2026-0042 has no invoice INV-9',
    );
    // Without them, a Dutch seller's invoice lacks what the Peppol NL rules demand (street, postcode, payment means).
    const bare = writeDocument('Invoice', {
      order: invoiced,
      buyer,
      seller,
      profile: 'peppol',
      today: '2026-11-22',
      events: [],
    });
    expect(
      validateDocument(bare)
        .findings.filter((f) => f.severity === 'fatal')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['NL-R-002', 'NL-R-004', 'NL-R-007']);
  });

  it('refuses a profile a type does not exist in', () => {
    expect(() =>
      writeDocument('Invoice', {
        order: agreed,
        buyer,
        seller,
        profile: 'scsn',
        today: '2026-11-22',
        events: [],
      }),
    ).toThrow('Invoice can be written as peppol, not scsn');
  });
});
