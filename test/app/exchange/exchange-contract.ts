// The exchange contract: what a buyer and a seller see alike whichever way their envelopes travel — two
// companies on one node (delivered through the receiver's inbox inside the sender's transaction,
// one-node.test.ts) or two companies on two nodes over HTTP (delivered by the outbox worker,
// two-nodes.test.ts). Each topology's *.test.ts calls exchangeContract with a factory, the way the storage
// contract runs against PGlite and PostgreSQL (test/storage/store-contract.ts).
//
// Every case issues its own order between the topology's two companies, so one topology serves the whole
// suite. The topologies differ on purpose in two ways only, both declared by the topology (Topology) and
// documented at their types: when a change reaches the partner's copy (DeliveryBehaviour, asserted by the
// change-feed case) and what becomes of a change the partner refuses (RefusalBehaviour, asserted by
// refusedBy for every refusal case, and by the case of an MLR that gets no MLR back).
import { afterAll, beforeAll, describe } from 'vitest';
import type { RunningNode } from '../../../src/cli/start-node.ts';
import type { Caller } from '../../../src/app/deps.ts';
import type { RegisterCompanyInput } from '../../../src/app/accounts/index.ts';
import type { Services } from '../../../src/app/node.ts';
import type { Company } from '../../../src/domain/company-types.ts';
import { orderCases } from './contract/order-cases.ts';
import { negotiationCases } from './contract/negotiation-cases.ts';
import { logisticsCases } from './contract/logistics-cases.ts';
import { wholeOrderCases } from './contract/whole-order-cases.ts';
import { deliveryCases } from './contract/delivery-cases.ts';
import { contractWorld } from './contract/contract-world.ts';

export { CONTRACT_BUYER, CONTRACT_SELLER } from './contract/contract-world.ts';

/** One company of the exchange, on the node that hosts it. */
export interface Side {
  node: RunningNode;
  services: Services;
  company: Company;
  /** An admin of the company (API token). */
  caller: Caller;
  /** The other company's id on this side's node: the company itself on one node, its partner row on two. */
  partnerId: string;
}

/**
 * What becomes of a change the partner's node cannot apply to its copy:
 * - 'sender-fails' (one node): the receiver's refusal is the sender's error at once, reason
 *   `partner_refused`; the sender's transaction rolls back, so nothing changes on either copy and nothing
 *   is kept in an outbox or an inbox.
 * - 'message-level-response' (two nodes): the sender's change stands and its envelope is delivered; the
 *   receiver keeps the envelope as failed (the document as rejected) and answers with a Message Level
 *   Response RE, which the sender records on its message and lists as a `document_rejected` task.
 * In both the receiver's copy stays as it was, and the conversation goes on.
 */
export type RefusalBehaviour = 'sender-fails' | 'message-level-response';

/**
 * When a change reaches the partner's copy: 'in-transaction' (one node: before the sender's call
 * returns) or 'on-settle' (two nodes: when the outbox worker delivers it, here in settle()).
 */
export type DeliveryBehaviour = 'in-transaction' | 'on-settle';

export interface Topology {
  buyer: Side;
  seller: Side;
  delivery: DeliveryBehaviour;
  refusal: RefusalBehaviour;
  /** Delivers everything pending until nothing is left in flight; fails when something stays undelivered. */
  settle(): Promise<void>;
  /** Registers another seller where the seller is hosted and makes it and the buyer partners. */
  addSeller(input: RegisterCompanyInput): Promise<Side>;
  /**
   * Hands the receiver the very envelope of `from`'s outbox message `messageId` again, through the inbox
   * it arrived at (the HTTP inbox of the receiver's node, or the on-node inbox core): a repeat.
   */
  redeliver(from: Side, messageId: string): Promise<{ duplicate: boolean }>;
  close(): Promise<void>;
}

/** Defines the shared exchange cases against the topology `topology` builds (once for the suite). */
export function exchangeContract(name: string, topology: () => Promise<Topology>): void {
  describe(`the exchange between a buyer and a seller: ${name}`, { timeout: 180_000 }, () => {
    const w = contractWorld();
    let t: Topology | undefined;
    beforeAll(async () => {
      t = await topology();
      w.set(t);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
    });
    orderCases(w);
    negotiationCases(w);
    logisticsCases(w);
    wholeOrderCases(w);
    deliveryCases(w);
  });
}
