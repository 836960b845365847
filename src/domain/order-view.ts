// What a reader sees of an order copy: the facts plus everything derived from them.
import type { LineAction } from './line-lifecycle.ts';
import { allowedActions } from './line-lifecycle.ts';
import { lineQuantities } from './line-quantities.ts';
import {
  lateDeliveries,
  lineProgress,
  orderStatus,
  type LineProgress,
  type OrderStatus,
} from './order-status.ts';
import type { Order, OrderLine } from './order-types.ts';

export interface OrderLineView extends OrderLine {
  progressStatus: LineProgress;
  quantities: Record<string, string>;
  allowedActions: LineAction[];
  late: boolean;
}

export interface OrderView extends Omit<Order, 'lines'> {
  status: OrderStatus;
  lines: OrderLineView[];
}

/** Adds derived status, quantities, lateness and the actions the owner may take now. */
export function viewOrder(order: Order, now: string): OrderView {
  const today = now.slice(0, 10);
  const side = order.role === 'seller' ? 'ship' : 'receive';
  return {
    ...order,
    status: orderStatus(order),
    lines: order.lines.map((l) => ({
      ...l,
      progressStatus: lineProgress(l),
      quantities: lineQuantities(l),
      allowedActions: allowedActions(l, order.role),
      late: lateDeliveries(l, today, side).length > 0,
    })),
  };
}
