// Orders leave the API as views: the stored facts plus what is derived from them at this moment
// (status, quantities, lateness, allowed actions). Use cases that change an order return the copy;
// this turns it into the same view GET /orders/{id} returns.
import { viewOrder, type OrderView } from '../domain/order-view.ts';
import type { Order } from '../domain/order-types.ts';
import type { Services } from '../app/node.ts';

/** The view of an order copy as of the services' clock. */
export function presentOrder(services: Services, order: Order): OrderView {
  return viewOrder(order, services.deps.now().toISOString());
}
