// Writes what the buyer received of an order as a ReceiptAdvice (UBL 2.1): per order line the received
// and rejected quantities so far (the order model keeps totals per delivery line, not single receipts).
import { DomainError } from '../domain/errors.ts';
import { add, gt, type Decimal } from '../domain/decimal.ts';
import { totalReceived, totalRejected } from '../domain/line-quantities.ts';
import type { OrderLine } from '../domain/order-types.ts';
import type { ExportContext } from './export-context.ts';
import { partyElement, rootElement, specificationIds } from './ubl-writing.ts';
import { el, leaf, serializeXml } from './xml-writer.ts';

const totals = (line: OrderLine) => ({ received: totalReceived(line), rejected: totalRejected(line) });

/** What one goods receipt (the events recorded at `ctx.receiptAt`) received and rejected of a line. */
function receivedAt(ctx: ExportContext, lineId: string): { received: Decimal; rejected: Decimal } {
  let received: Decimal = '0';
  let rejected: Decimal = '0';
  for (const e of ctx.events) {
    if (e.type !== 'goods.received' || e.lineId !== lineId || e.at !== ctx.receiptAt) continue;
    received = add(received, typeof e.data.received === 'string' ? e.data.received : '0');
    rejected = add(rejected, typeof e.data.rejected === 'string' ? e.data.rejected : '0');
  }
  return { received, rejected };
}

export function writeReceiptAdvice(ctx: ExportContext): string {
  const { order, profile } = ctx;
  const lines = order.lines
    .map((line) => ({ line, ...(ctx.receiptAt ? receivedAt(ctx, line.lineId) : totals(line)) }))
    .filter((x) => gt(x.received, '0') || gt(x.rejected, '0'));
  if (lines.length === 0) {
    throw new DomainError(
      'transition_not_allowed',
      `nothing of order ${order.number} has been received yet`,
      {
        state: 'not_received',
        allowedActions: [],
      },
    );
  }
  const reasons = new Map<string, string>();
  for (const e of ctx.events)
    if (e.type === 'goods.received' && e.lineId && e.reason) reasons.set(e.lineId, e.reason);
  const parts = [
    'EndpointID',
    'PartyIdentification',
    'PartyName',
    'PostalAddress',
    'PartyLegalEntity',
  ] as const;
  const doc = rootElement(
    'ReceiptAdvice',
    specificationIds('ReceiptAdvice', profile),
    el('cbc:ID', {}, `${order.number}-RA-${order.version}`),
    el('cbc:IssueDate', {}, ctx.today),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el('cac:DeliveryCustomerParty', {}, partyElement(ctx.buyer, parts)),
    el('cac:DespatchSupplierParty', {}, partyElement(ctx.seller, parts)),
    lines.map(({ line, received, rejected }, i) =>
      el(
        'cac:ReceiptLine',
        {},
        el('cbc:ID', {}, String(i + 1)),
        el('cbc:ReceivedQuantity', { unitCode: line.unitCode }, received),
        gt(rejected, '0') && el('cbc:RejectedQuantity', { unitCode: line.unitCode }, rejected),
        gt(rejected, '0') && leaf('cbc:RejectReason', reasons.get(line.lineId)),
        el('cac:OrderLineReference', {}, el('cbc:LineID', {}, line.lineId)),
        el('cac:Item', {}, el('cbc:Name', {}, line.item.name)),
      ),
    ),
  );
  return serializeXml(doc);
}
