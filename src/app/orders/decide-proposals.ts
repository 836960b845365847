// Use case: the buyer accepts or rejects the seller's proposals.
import type { LineDecision } from '../../domain/order-negotiation.ts';
import type { Order } from '../../domain/order-types.ts';
import { actOnOrder, type ActOptions } from './act-on-order.ts';
import type { Caller, Deps } from '../deps.ts';

/** An accepted proposal becomes the agreed terms; a rejected one goes back to the seller. */
export const decideProposals = (
  deps: Deps,
  caller: Caller,
  orderId: string,
  decisions: LineDecision[],
  options?: ActOptions,
): Promise<Order> => actOnOrder(deps, caller, orderId, { type: 'decide', decisions }, options);
