// Finds the order line an invoice line bills when the invoice gives no order line reference (BT-132), as
// many ERP systems send them: by the seller's item number, then the standard item number (GTIN), then the
// buyer's item number. Only an unambiguous match counts; anything else is left for a person to decide.
import type { InvoicedItem, InvoiceLineMatchKey, Item, Order, OrderLine } from './order-types.ts';

export type OrderLineMatch =
  | { kind: 'matched'; line: OrderLine; by: InvoiceLineMatchKey }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: string[] };

/** The order line's standard item number (e.g. a GTIN, scheme 0160), compared by value. */
const orderedStandardId = (item: Item): string | null => item.standardItemId?.value ?? null;

const KEYS: {
  by: InvoiceLineMatchKey;
  invoiced: (i: InvoicedItem) => string | null;
  ordered: (i: Item) => string | null;
}[] = [
  { by: 'seller_item', invoiced: (i) => i.sellerItemId, ordered: (i) => i.sellerItemId },
  { by: 'standard_item', invoiced: (i) => i.standardItemId?.value ?? null, ordered: orderedStandardId },
  { by: 'buyer_item', invoiced: (i) => i.buyerItemId, ordered: (i) => i.buyerItemId },
];

/**
 * The order line for an invoiced item: each item number the invoice gives narrows the order lines that
 * carry the same number; the first that leaves exactly one line decides. Numbers no order line carries
 * are passed over (an order may name items by the buyer's number only).
 */
export function matchOrderLine(order: Order, item: InvoicedItem): OrderLineMatch {
  let candidates = order.lines;
  let narrowed = false;
  for (const key of KEYS) {
    const wanted = key.invoiced(item)?.trim();
    if (!wanted) continue;
    const same = candidates.filter((l) => key.ordered(l.item)?.trim() === wanted);
    if (same.length === 1) return { kind: 'matched', line: same[0]!, by: key.by };
    if (same.length > 1) {
      candidates = same;
      narrowed = true;
    }
  }
  return narrowed ? { kind: 'ambiguous', candidates: candidates.map((l) => l.lineId) } : { kind: 'none' };
}
