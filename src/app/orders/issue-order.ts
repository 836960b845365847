// Use case: the buyer issues a purchase order to a seller.
import { primaryIdentifier, requirePermission } from '../../domain/company-types.ts';
import { invalid } from '../../domain/errors.ts';
import { parseIdentifier } from '../../domain/identifiers.ts';
import { createOrder, type NewOrderInput } from '../../domain/order-create.ts';
import type { Order, PartyInfo } from '../../domain/order-types.ts';
import type { Caller, Deps } from '../deps.ts';
import { announceOrderChange } from './order-changes.ts';
import { historyRows } from './apply-partner-change.ts';

export interface IssueOrderInput extends NewOrderInput {
  /** The seller's identifier, `scheme:value`. */
  seller: string;
}

/** Issues a new order: saves the buyer's copy and delivers it to the seller. */
export async function issueOrder(
  deps: Deps,
  caller: Caller,
  input: IssueOrderInput,
  documentId: string | null = null,
): Promise<Order> {
  requirePermission(caller.role, 'buy');
  const sellerId = parseIdentifier(input.seller, 'seller');
  const at = deps.now().toISOString();
  const issued = await deps.store.transaction(async (tx) => {
    const buyerCompany = await tx.companies.get(caller.companyId);
    const sellerCompany = await tx.companies.findByIdentifier(sellerId.scheme, sellerId.value);
    if (!buyerCompany) throw invalid('buyer', 'the calling company no longer exists');
    if (!sellerCompany)
      throw invalid('seller', `no company with identifier ${input.seller} is known on this node`);
    const party = (c: typeof buyerCompany): PartyInfo => ({
      companyId: c.id,
      name: c.name,
      identifier: primaryIdentifier(c),
    });
    const { order, events } = createOrder(
      input,
      { orderId: deps.newId(), buyer: party(buyerCompany), seller: party(sellerCompany) },
      at,
    );
    const meta = { actor: caller.actor, at, documentId };
    await tx.orders.insert(order, historyRows(events, order.id, meta, deps.newId));
    await deps.partners.deliver(deps, tx, sellerCompany.id, { kind: 'order.issued', order, events, ...meta });
    return order;
  });
  announceOrderChange(deps, caller, issued, 'issue');
  return issued;
}
