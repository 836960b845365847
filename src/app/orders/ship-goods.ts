// Use case: the seller ships a despatch, which may cover lines of several orders.
import { primaryIdentifier, requirePermission } from '../../domain/company-types.ts';
import { parseDate } from '../../domain/codes.ts';
import { parsePositive } from '../../domain/decimal.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Order } from '../../domain/order-types.ts';
import { despatchIdOf } from '../../network/derived-id.ts';
import { actWithin } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';
import { announceOrderChange } from './order-changes.ts';

export interface DespatchInput {
  number: string;
  date: string;
  lines: { orderId: string; lineId: string; deliveryLineId: string; quantity: string | number }[];
}

/** Records a despatch and the shipped quantities on every order it covers, atomically. */
export async function shipGoods(
  deps: Deps,
  caller: Caller,
  input: DespatchInput,
  documentId: string | null = null,
): Promise<{ despatchId: string; orders: Order[] }> {
  requirePermission(caller.role, 'sell');
  const number = input.number?.trim();
  if (!number) throw invalid('number', 'despatch number is required');
  const date = parseDate(input.date, 'date');
  if (!input.lines?.length) throw invalid('lines', 'a despatch needs at least one line');
  // Group per order, remembering each line's index in the request so errors name the right line.
  const byOrder = new Map<string, { lines: DespatchInput['lines']; indexes: number[] }>();
  input.lines.forEach((l, i) => {
    const group = byOrder.get(l.orderId) ?? { lines: [], indexes: [] };
    group.lines.push(l);
    group.indexes.push(i);
    byOrder.set(l.orderId, group);
  });
  const result = await deps.store.transaction(async (tx) => {
    // Derived, not random: a partner's node derives the same id from the DespatchAdvice it receives.
    const seller = await tx.companies.get(caller.companyId);
    const despatch = {
      id: despatchIdOf(seller ? primaryIdentifier(seller) : caller.companyId, number),
      number,
    };
    // Quantities are kept as exact decimal strings, whatever JSON type they arrived in.
    const lines = input.lines.map((l, i) => ({
      ...l,
      quantity: parsePositive(l.quantity, `lines[${i}].quantity`),
    }));
    await tx.orders.insertDespatch(caller.companyId, { ...despatch, date, lines });
    const orders: Order[] = [];
    for (const [orderId, { lines, indexes }] of byOrder) {
      try {
        orders.push(
          await actWithin(deps, tx, caller, orderId, { type: 'ship', despatch, lines }, { documentId }),
        );
      } catch (e) {
        throw remapField(e, indexes);
      }
    }
    return { despatchId: despatch.id, orders };
  });
  for (const order of result.orders) announceOrderChange(deps, caller, order, 'ship');
  return result;
}

/** Rewrites `lines[k]…` in an error's field from the per-order index to the request's index. */
function remapField(e: unknown, indexes: number[]): unknown {
  if (!(e instanceof DomainError) || typeof e.details.field !== 'string') return e;
  const field = e.details.field.replace(
    /^lines\[(\d+)\]/,
    (_m, k: string) => `lines[${indexes[Number(k)] ?? k}]`,
  );
  return new DomainError(e.code, e.message, { ...e.details, field });
}
