// What each role may do: viewer reads; purchasing acts on the buyer's copy; sales on the seller's copy;
// admin does everything including tokens and users. A refused action writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../../src/domain/company-types.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Caller } from '../../../src/app/deps.ts';
import type { Services } from '../../../src/app/node.ts';
import type { Store } from '../../../src/storage/store.ts';
import {
  callerOf,
  copies,
  domainRejection,
  orderInput,
  pgliteStore,
  servicesFor,
  trade,
  type TestStore,
  type Trade,
} from '../harness.ts';

let ts: TestStore;
let store: Store;
let services: Services;
beforeAll(async () => {
  ts = await pgliteStore();
  store = ts.store;
  services = servicesFor(store);
});
afterAll(() => ts?.close());

type Operation =
  'read' | 'issue' | 'answer as seller' | 'decide as buyer' | 'cancel as buyer' | 'ship' | 'admin';

/** Runs one operation as `caller` on a fresh order of trade `t`. */
async function attempt(op: Operation, caller: Caller, t: Trade): Promise<void> {
  const base = await services.issueOrder(t.asBuyer, orderInput(t));
  switch (op) {
    case 'read':
      await services.getOrder(caller, base.id);
      await services.listOrders(caller, {});
      await services.listTasks(caller);
      await services.orderHistory(caller, base.id);
      await services.getOwnCompany(caller);
      await services.listPartners(caller);
      return;
    case 'issue':
      await services.issueOrder(caller, orderInput(t));
      return;
    case 'answer as seller':
      await services.respondToLines(caller, base.id, [
        { lineId: '1', answer: 'propose', price: { amount: '14' } },
      ]);
      return;
    case 'decide as buyer': {
      await services.respondToLines(t.asSeller, base.id, [
        { lineId: '1', answer: 'propose', price: { amount: '14' } },
      ]);
      await services.decideProposals(caller, base.id, [{ lineId: '1', decision: 'accept' }]);
      return;
    }
    case 'cancel as buyer':
      await services.cancelOrder(caller, base.id, 'no longer needed');
      return;
    case 'ship':
      await services.respondToLines(t.asSeller, base.id, [{ lineId: '1', answer: 'accept' }]);
      await services.shipGoods(caller, {
        number: `D-${base.number}`,
        date: '2026-03-20',
        lines: [{ orderId: base.id, lineId: '1', deliveryLineId: '1', quantity: '1' }],
      });
      return;
    case 'admin': {
      const { info } = await services.createApiTokenAs(caller, { name: 'ERP', role: 'viewer' });
      await services.listApiTokens(caller);
      await services.listOwnUsers(caller);
      await services.revokeApiToken(caller, info.id);
      return;
    }
  }
}

// Which operations each role of the buyer's company and of the seller's company may perform.
const BUYER_SIDE: Operation[] = ['read', 'issue', 'decide as buyer', 'cancel as buyer', 'admin'];
const SELLER_SIDE: Operation[] = ['read', 'answer as seller', 'ship', 'admin'];
const ALLOWED: Record<UserRole, { buyer: Operation[]; seller: Operation[] }> = {
  viewer: { buyer: ['read'], seller: ['read'] },
  purchasing: { buyer: ['read', 'issue', 'decide as buyer', 'cancel as buyer'], seller: ['read'] },
  sales: { buyer: ['read'], seller: ['read', 'answer as seller', 'ship'] },
  admin: { buyer: BUYER_SIDE, seller: SELLER_SIDE },
};

describe.each(Object.keys(ALLOWED) as UserRole[])('the %s role', (role) => {
  for (const side of ['buyer', 'seller'] as const) {
    const ops = side === 'buyer' ? BUYER_SIDE : SELLER_SIDE;
    for (const op of ops) {
      const allowed = ALLOWED[role][side].includes(op);
      it(`${allowed ? 'may' : 'may not'} ${op} for the ${side}'s company`, async () => {
        const t = await trade(services, `${role}-${side}`);
        const caller = callerOf(side === 'buyer' ? t.buyer : t.seller, role);
        if (allowed) {
          await attempt(op, caller, t);
        } else {
          const e = await domainRejection(attempt(op, caller, t));
          expect(e.code).toBe('forbidden');
          expect(e.details.role).toBe(role);
        }
      });
    }
  }
});

describe('a refused action', () => {
  it('writes nothing on either copy', async () => {
    const t = await trade(services, 'Refused');
    const order = await services.issueOrder(t.asBuyer, orderInput(t));
    const before = await copies(store, t, order.id);
    const eventsBefore = await store.orders.events(t.seller.id, order.id);
    for (const role of ['viewer', 'purchasing'] as const) {
      const e = await domainRejection(
        services.respondToLines(callerOf(t.seller, role), order.id, [{ lineId: '1', answer: 'accept' }]),
      );
      expect(e.code).toBe('forbidden');
    }
    expect(await copies(store, t, order.id)).toEqual(before);
    expect(await store.orders.events(t.seller.id, order.id)).toEqual(eventsBefore);
  });

  it('from another company looks like a missing order, not a forbidden one', async () => {
    const t = await trade(services, 'Owner');
    const order = await services.issueOrder(t.asBuyer, orderInput(t));
    const other = await trade(services, 'Other');
    for (const caller of [callerOf(other.buyer, 'admin'), callerOf(other.seller, 'admin')]) {
      const e = await domainRejection(
        services.respondToLines(caller, order.id, [{ lineId: '1', answer: 'accept' }]),
      );
      expect(e.code).toBe('not_found');
      expect((await domainRejection(services.cancelOrder(caller, order.id, 'x'))).code).toBe('not_found');
    }
    expect((await copies(store, t, order.id)).seller.version).toBe(1);
  });

  it('uses the role of the API token, not of its creator', async () => {
    const t = await trade(services, 'Token');
    const admin = callerOf(t.buyer, 'admin');
    const { token } = await services.createApiTokenAs(admin, { name: 'Dashboard', role: 'viewer' });
    const caller = await services.authenticate({ bearer: token });
    expect(caller.role).toBe('viewer');
    const e = await domainRejection(services.issueOrder(caller, orderInput(t)));
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('forbidden');
    expect((await services.listOrders(caller, {})).items).toEqual([]);
  });
});
