// Turns the lines of an OrderChange, or of an SCSN order with OrderType "Changed" (which re-sends every
// line), into the buyer's change of the order: new lines are added, lines whose content differs are
// changed (an agreed line then goes back to the seller as 'changed'), cancelled lines are cancelled,
// identical lines are left alone.
import { eq } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import type { NewLineInput } from '../domain/order-create.ts';
import type { ChangeInput, LineChange } from '../domain/order-negotiation.ts';
import type { Item, Order, OrderLine } from '../domain/order-types.ts';
import { parseTerms, samePrice } from '../domain/terms.ts';
import type { ChangedLine } from './document-model.ts';

export interface MappedChange {
  /** null when the document changes nothing (e.g. a re-sent order identical to the current one). */
  input: ChangeInput | null;
  /** XPath of the document line behind each add[i] / change[i] / cancel[i], for error messages. */
  paths: { add: string[]; change: string[]; cancel: string[] };
}

const norm = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

function sameItem(a: Item, b: NewLineInput['item']): boolean {
  return (
    a.name === b.name.trim() &&
    norm(a.description) === norm(b.description) &&
    norm(a.buyerItemId) === norm(b.buyerItemId) &&
    norm(a.sellerItemId) === norm(b.sellerItemId) &&
    norm(a.standardItemId?.scheme) === norm(b.standardItemId?.scheme) &&
    norm(a.standardItemId?.value) === norm(b.standardItemId?.value)
  );
}

/** The line's change, or null when the document states exactly what the order already asks. */
function lineChange(current: OrderLine, sent: NewLineInput, field: string): LineChange | null {
  const terms = parseTerms(sent, field);
  // Delivery lines keep their ids by position when the document does not name them (Peppol has one).
  const schedule = terms.schedule.map((s, i) => ({
    id: sent.schedule[i]?.id ? s.id : (current.requested.schedule[i]?.id ?? s.id),
    date: s.date,
    quantity: s.quantity,
  }));
  const sameSchedule =
    schedule.length === current.requested.schedule.length &&
    schedule.every((s, i) => {
      const c = current.requested.schedule[i]!;
      return c.date === s.date && eq(c.quantity, s.quantity);
    });
  const change: LineChange = { lineId: current.lineId };
  if (!sameSchedule) change.schedule = schedule;
  if (!samePrice(terms.price, current.requested.price)) change.price = terms.price;
  if (!sameItem(current.item, sent.item)) change.item = sent.item;
  const note = norm(sent.note);
  if (note !== null && note !== norm(current.note)) change.note = note;
  return Object.keys(change).length > 1 ? change : null;
}

/**
 * Maps document lines onto the order. `complete`: the document re-sends every line (SCSN Changed), so a
 * line of the order that is neither sent nor cancelled is an error rather than "unchanged".
 */
export function mapOrderChange(
  order: Order,
  lines: ChangedLine[],
  options: { reason: string | null; complete: boolean },
): MappedChange {
  const input: Required<Pick<ChangeInput, 'add' | 'change' | 'cancel'>> = { add: [], change: [], cancel: [] };
  const paths: MappedChange['paths'] = { add: [], change: [], cancel: [] };
  for (const l of lines) {
    const current = order.lines.find((x) => x.lineId === l.lineId);
    if (l.intent === 'none') continue;
    if (l.intent === 'cancel') {
      if (current?.state === 'cancelled') continue;
      // A line's own note says why it is cancelled; else the change's reason does.
      input.cancel.push({ lineId: l.lineId, reason: l.note || options.reason });
      paths.cancel.push(l.path);
      continue;
    }
    if (!l.line) continue;
    if (!current) {
      if (l.intent === 'change') {
        throw new DomainError(
          'not_found',
          `order ${order.number} has no line ${l.lineId} to change (${l.path})`,
          {
            field: l.path,
          },
        );
      }
      input.add.push(l.line);
      paths.add.push(l.path);
      continue;
    }
    const change = lineChange(current, l.line, l.path);
    if (change) {
      input.change.push(change);
      paths.change.push(l.path);
    }
  }
  if (options.complete) {
    const sent = new Set(lines.map((l) => l.lineId));
    const missing = order.lines
      .filter((l) => l.state !== 'cancelled' && !sent.has(l.lineId))
      .map((l) => l.lineId);
    if (missing.length) {
      throw new DomainError(
        'validation_failed',
        `the changed order ${order.number} leaves out line${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; a Changed order re-sends every line (cancelled lines with LineStatusCode cancelled)`,
        { field: 'cac:OrderLine' },
      );
    }
  }
  const empty = !input.add.length && !input.change.length && !input.cancel.length;
  return { input: empty ? null : { ...input, reason: options.reason }, paths };
}
