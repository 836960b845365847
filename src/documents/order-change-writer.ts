// Writes the buyer's pending changes as an OrderChange (Peppol T114, plain UBL): lines waiting for the
// seller after a change (UNCL 1229 code 3, with the new request), lines a change added (1) and lines
// the buyer cancelled (2).
import { DomainError } from '../domain/errors.ts';
import type { OrderLine } from '../domain/order-types.ts';
import type { ExportContext } from './export-context.ts';
import { addedLineIds, deliveryLocationElements, latestChangeReason } from './order-writer.ts';
import {
  itemElement,
  lineAmount,
  partyElement,
  priceElement,
  requestedPeriodDelivery,
  rootElement,
  specificationIds,
  sumMoney,
} from './ubl-writing.ts';
import { el, leaf, serializeXml } from './xml-writer.ts';

function actionOf(line: OrderLine, added: Set<string>): '1' | '2' | '3' | null {
  if (line.state === 'changed') return '3';
  if (line.state === 'open' && added.has(line.lineId)) return '1';
  if (line.state === 'cancelled') return '2';
  return null;
}

export function writeOrderChange(ctx: ExportContext): string {
  const { order, profile } = ctx;
  const added = addedLineIds(ctx);
  const fullyCancelled = order.lines.every((l) => l.state === 'cancelled');
  const lines = order.lines
    .map((line) => ({ line, action: actionOf(line, added) }))
    .filter(
      (x): x is { line: OrderLine; action: '1' | '2' | '3' } =>
        x.action !== null && !(x.action === '2' && fullyCancelled),
    );
  if (lines.length === 0) {
    throw new DomainError(
      'transition_not_allowed',
      `order ${order.number} has no changes to send: no line is changed, added or cancelled`,
      {
        state: 'unchanged',
        allowedActions: [],
      },
    );
  }
  const amounts = lines
    .filter((x) => x.action !== '2')
    .map((x) => lineAmount(x.line.requested.quantity, x.line.requested.price));
  const total = sumMoney(amounts);
  const reason = latestChangeReason(ctx);
  const changes = ctx.events.filter(
    (e) => e.type === 'line.changed' || e.type === 'line.added' || e.type === 'line.cancelled',
  );
  const doc = rootElement(
    'OrderChange',
    specificationIds('OrderChange', profile),
    el('cbc:ID', {}, `${order.number}-OC-${order.version}`),
    el('cbc:IssueDate', {}, ctx.today),
    el('cbc:SequenceNumberID', {}, String(new Set(changes.map((e) => e.at)).size || 1)),
    leaf('cbc:Note', reason),
    el('cbc:DocumentCurrencyCode', {}, order.currency),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el('cac:BuyerCustomerParty', {}, partyElement(ctx.buyer)),
    el(
      'cac:SellerSupplierParty',
      {},
      partyElement(ctx.seller, [
        'EndpointID',
        'PartyIdentification',
        'PartyName',
        'PostalAddress',
        'PartyLegalEntity',
      ]),
    ),
    deliveryLocationElements(order.deliveryLocation, ctx.buyer.country),
    el(
      'cac:AnticipatedMonetaryTotal',
      {},
      el('cbc:LineExtensionAmount', { currencyID: order.currency }, total),
      el('cbc:PayableAmount', { currencyID: order.currency }, total),
    ),
    lines.map(({ line, action }) => {
      return el(
        'cac:OrderLine',
        {},
        // A cancelled line states why (read back as its reason); the others their note.
        leaf('cbc:Note', action === '2' ? line.reason : line.note),
        el(
          'cac:LineItem',
          {},
          el('cbc:ID', {}, line.lineId),
          el('cbc:LineStatusCode', {}, action),
          el('cbc:Quantity', { unitCode: line.unitCode }, line.requested.quantity),
          action !== '2' &&
            el(
              'cbc:LineExtensionAmount',
              { currencyID: order.currency },
              lineAmount(line.requested.quantity, line.requested.price),
            ),
          action !== '2' && requestedPeriodDelivery(line.requested.schedule),
          action !== '2' && priceElement(line.requested.price, order.currency, line.unitCode),
          itemElement(line.item, ctx.profile),
        ),
      );
    }),
  );
  return serializeXml(doc);
}
