// Order copies built through the domain (no store) for mapper and writer tests, and the parsed fixtures.
import { applyOrderAction, type OrderAction } from '../../../src/domain/order-actions.ts';
import { createOrder, mirrorFor, type NewOrderInput } from '../../../src/domain/order-create.ts';
import type { Order, Role } from '../../../src/domain/order-types.ts';
import type { ReadDocument } from '../../../src/documents/document-model.ts';
import { readDocument } from '../../../src/documents/document-reader.ts';
import { parseXml } from '../../../src/documents/xml-parser.ts';
import { fixture } from './document-node.ts';

export const T = '2026-11-22T10:00:00.000Z';

export const BUYER = {
  companyId: '00000000-0000-4000-8000-000000000001',
  name: 'Machinefabriek Noord BV',
  identifier: '0088:8712345678906',
};
export const SELLER = {
  companyId: '00000000-0000-4000-8000-000000000002',
  name: 'Draaierij Zuid BV',
  identifier: '0106:12345678',
};

/** Reads a fixture file into Schakel's terms. */
export const read = <D extends ReadDocument = ReadDocument>(name: string): D =>
  readDocument(parseXml(fixture(name))) as D;

/** Reads XML text into Schakel's terms. */
export const readText = <D extends ReadDocument = ReadDocument>(xml: string): D =>
  readDocument(parseXml(xml)) as D;

/** The buyer's copy of an order created from new-order input. */
export function buyerOrder(input: NewOrderInput): Order {
  return createOrder(
    input,
    { orderId: '00000000-0000-4000-8000-0000000000aa', buyer: BUYER, seller: SELLER },
    T,
  ).order;
}

/** The order of a fixture Order document, in the given role's copy. */
export function orderOf(name: string, role: Role = 'buyer'): Order {
  const doc = read(name);
  if (doc.documentType !== 'Order') throw new Error(`${name} is not an Order`);
  const order = buyerOrder(doc.order);
  return role === 'buyer' ? order : mirrorFor(order, 'seller');
}

/** Applies actions in turn, each by the role that takes it. */
export function act(order: Order, ...steps: [OrderAction, Role][]): Order {
  return steps.reduce((o, [action, role]) => applyOrderAction(o, action, role, T).order, order);
}
