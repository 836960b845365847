// Item substitution (Peppol T76/T116 cac:SellerSubstitutedLineItem): the seller proposes to deliver
// another item than the one ordered. It is part of the seller's proposal on the line; the buyer accepts
// it (the substitute becomes the line's item) or rejects it like any other proposal.
import { invalid } from './errors.ts';
import { parseItem, type ItemInput } from './order-create.ts';
import type { Item, OrderLine } from './order-types.ts';

/**
 * Whether an offered substitute names the ordered item after all. The seller states a substitute by its
 * name and its own and standard item numbers (Peppol allows no buyer's item number or description there).
 */
export const sameSubstitute = (substitute: Item, item: Item): boolean =>
  substitute.name === item.name &&
  substitute.sellerItemId === item.sellerItemId &&
  (substitute.standardItemId?.scheme ?? null) === (item.standardItemId?.scheme ?? null) &&
  (substitute.standardItemId?.value ?? null) === (item.standardItemId?.value ?? null);

/** Validates the substitute a proposal offers for `line`; undefined when it offers none. */
export function parseSubstitute(
  line: OrderLine,
  input: ItemInput | null | undefined,
  field: string,
): Item | undefined {
  if (!input) return undefined;
  const substitute = parseItem(input, field);
  if (sameSubstitute(substitute, line.item)) {
    throw invalid(
      field,
      `the substitute for line ${line.lineId} is the ordered item itself; leave the substitute out`,
    );
  }
  return substitute;
}
