// Plain-text views of orders for the terminal: a list table and one order with its lines.
import type { OrderLineView, OrderView } from '../domain/order-view.ts';
import type { Price, Terms } from '../domain/order-types.ts';
import type { OrderSummary } from '../storage/orders-repository.ts';
import { table } from './cli-context.ts';

const UNIT_LABELS: Record<string, string> = {
  C62: 'pc',
  H87: 'pc',
  KGM: 'kg',
  MTR: 'm',
  LTR: 'l',
  MTK: 'm²',
  SET: 'set',
};
const unit = (code: string): string => UNIT_LABELS[code] ?? code;

/** At least two decimals for money, never fewer than the value has: "1840" → "1840.00", "0.125" stays. */
export function money(amount: string): string {
  const [int, frac = ''] = amount.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

const price = (p: Price, currency: string, unitCode: string): string =>
  `${money(p.amount)} ${currency}/${p.baseQuantity === '1' ? '' : `${p.baseQuantity} `}${unit(unitCode)}`;

const terms = (t: Terms, currency: string, unitCode: string): string =>
  `${t.quantity} ${unit(unitCode)} × ${price(t.price, currency, unitCode)} · ${t.schedule.map((s) => `${s.date ?? 'no date requested'}: ${s.quantity}`).join(', ')}`;

/** One row per order: number, side, status, partner, dates. */
export function formatOrderList(items: OrderSummary[]): string {
  return table(
    ['NUMBER', 'ROLE', 'STATUS', 'PARTNER', 'ISSUED', 'NEXT DUE', 'LINES'],
    items.map((o) => [
      o.number,
      o.role,
      o.status,
      o.partner.name,
      o.issueDate,
      `${o.nextDueDate ?? '—'}${o.late ? ' LATE' : ''}`,
      String(o.lineCount),
    ]),
  );
}

function formatLine(l: OrderLineView, currency: string): string[] {
  const q = l.quantities;
  const items = [
    l.item.buyerItemId ? `buyer ${l.item.buyerItemId}` : null,
    l.item.sellerItemId ? `seller ${l.item.sellerItemId}` : null,
    l.item.standardItemId
      ? `standard ${l.item.standardItemId.scheme ? `${l.item.standardItemId.scheme}:` : ''}${l.item.standardItemId.value}`
      : null,
  ].filter(Boolean);
  const progress = l.progressStatus === 'none' ? '' : ` · ${l.progressStatus.replace(/_/g, ' ')}`;
  return [
    `Line ${l.lineId}  ${l.item.name} — ${l.state}${progress}${l.late ? ' · LATE' : ''}`,
    ...(items.length ? [`  items       ${items.join(' · ')}`] : []),
    `  requested   ${terms(l.requested, currency, l.unitCode)}`,
    ...(l.proposal
      ? [
          `  proposed    ${terms(l.proposal.terms, currency, l.unitCode)}${l.proposal.note ? ` — “${l.proposal.note}”` : ''}`,
          ...(l.proposal.substitute
            ? [
                `  instead of  ${l.item.name}: ${l.proposal.substitute.name}${l.proposal.substitute.sellerItemId ? ` (seller ${l.proposal.substitute.sellerItemId})` : ''}`,
              ]
            : []),
        ]
      : []),
    `  agreed      ${l.agreed ? terms(l.agreed, currency, l.unitCode) : '—'}`,
    `  quantities  ordered ${q.ordered} · agreed ${q.agreed} · produced ${q.produced} · shipped ${q.shipped} · received ${q.received} · rejected ${q.rejected} · invoiced ${q.invoiced}`,
    ...(l.reason ? [`  reason      ${l.reason}`] : []),
    ...(l.note ? [`  note        ${l.note}`] : []),
    `  you may     ${l.allowedActions.join(', ') || '—'}`,
  ];
}

/** Header, every line with requested vs agreed terms and quantities, and the invoices. */
export function formatOrder(o: OrderView): string {
  const party = (p: OrderView['buyer']) => `${p.name} (${p.identifier})`;
  const loc = o.deliveryLocation;
  const deliverTo = loc
    ? [loc.name, loc.address].filter(Boolean).join(', ') + (loc.identifier ? ` (${loc.identifier})` : '')
    : null;
  const lines = [
    `Order ${o.number} — ${o.status}`,
    `  you are     ${o.role === 'buyer' ? 'the buyer (purchase order)' : 'the seller (sales order)'}`,
    `  buyer       ${party(o.buyer)}`,
    `  seller      ${party(o.seller)}`,
    `  issued      ${o.issueDate} · currency ${o.currency} · version ${o.version}`,
    ...(deliverTo ? [`  deliver to  ${deliverTo}`] : []),
    ...(o.note ? [`  note        ${o.note}`] : []),
    `  id          ${o.id}`,
    '',
    ...o.lines.flatMap((l) => [...formatLine(l, o.currency), '']),
  ];
  if (o.invoices.length) {
    lines.push('Invoices');
    for (const inv of o.invoices) {
      const problems = inv.lines
        .filter((l) => l.match === 'mismatch')
        .map((l) => `line ${l.lineId}: ${l.reasons.join(', ')}`);
      lines.push(
        `  ${inv.number}  ${inv.issueDate}  ${money(inv.total)} ${o.currency}  ${inv.status}${problems.length ? ` (${problems.join('; ')})` : ''}`,
      );
      if (inv.decisionReason) lines.push(`    decision: ${inv.decisionReason}`);
    }
  }
  return lines.join('\n').trimEnd();
}
