// Demo data: a Dutch machine-building chain — an OEM, its assembler, a machining and a sheet-metal shop,
// and their steel supplier — with orders in every lifecycle state. Everything is made through the use
// cases, as the people of these companies would have done it, on a simulated clock in the past, so that
// histories, "late" and "overdue" look real and stay true relative to today.
//
// Idempotent: companies are found by their primary identifier, users by e-mail and orders by the buyer's
// order number; only what is missing is created. API tokens are the exception: every run revokes the
// previous token named "demo" of each company and creates a new one, because a token can only be shown
// when it is created.
import { DomainError } from '../domain/errors.ts';
import type { Company, User, UserRole } from '../domain/company-types.ts';
import type { Caller } from '../app/deps.ts';
import { createServices, type Services } from '../app/node.ts';
import {
  COMPANIES,
  DEMO_PASSWORD,
  DEMO_TOKEN_NAME,
  identifiersOf,
  type CompanySpec,
  type DemoCompany,
  type DemoCompanyKey,
  type DemoSeedResult,
} from './demo-companies.ts';
import { OEM_STORIES } from './demo-stories-oem.ts';
import { SUPPLIER_STORIES } from './demo-stories-suppliers.ts';
import type { Story } from './demo-story-types.ts';
import { storyContext } from './demo-story-player.ts';
import { withGs1CheckDigit } from './demo-identifiers.ts';

export {
  DEMO_COMPANY_KEYS,
  DEMO_PASSWORD,
  DEMO_TOKEN_NAME,
  demoIdentifier,
  type DemoCompany,
  type DemoCompanyKey,
  type DemoSeedResult,
  type DemoUser,
} from './demo-companies.ts';
export { dutchVatNumber, withGs1CheckDigit } from './demo-identifiers.ts';

const STORIES: readonly Story[] = [...OEM_STORIES, ...SUPPLIER_STORIES];

// ---------------------------------------------------------------------------------------------------

const DAY_MS = 24 * 3600_000;

/** Caller for a demo user (the actor recorded in the order history). */
const callerFor = (company: Company, user: User): Caller => ({
  companyId: company.id,
  role: user.role,
  actor: {
    companyId: company.id,
    companyName: company.name,
    userId: user.id,
    tokenId: null,
    name: user.name,
  },
});

interface Party {
  spec: CompanySpec;
  company: Company;
  users: Map<UserRole, User>;
}

const userOf = (p: Party, role: UserRole): User => {
  const u = p.users.get(role);
  if (!u) throw new DomainError('conflict', `demo user with role ${role} of ${p.company.name} is missing`);
  return u;
};

/**
 * Where the demo companies live: all on one node (the default), or spread over several
 * (`schakel demo --nodes N`), where an order between two nodes travels through the network.
 */
export interface DemoPlacement {
  /** The use cases of the node that hosts company `key`. */
  servicesOf(key: DemoCompanyKey): Services;
  /** Runs after every step `key`'s company takes: delivers what it sent to other nodes before the next step. */
  settle(key: DemoCompanyKey): Promise<void>;
  /** Runs once every company exists on its node, before the stories (to connect the nodes). */
  companiesReady?(): Promise<void>;
}

/**
 * Companies are registered this many days back, before the oldest story, so that their signing keys are
 * valid when the past steps of the stories are signed and checked on another node.
 */
const REGISTERED_DAYS_AGO = 60;

/** Creates what is missing of the demo chain and fresh "demo" API tokens; see the file header. */
export async function seedDemo(
  services: Services,
  options: { now?: Date; placement?: DemoPlacement } = {},
): Promise<DemoSeedResult> {
  const placement: DemoPlacement = options.placement ?? {
    servicesOf: () => services,
    settle: () => Promise.resolve(),
  };
  const now = options.now ?? services.deps.now();
  const created = { companies: 0, users: 0, orders: 0 };

  // The stories run on a clock set per step; use cases see it as "now".
  let clock = now;
  const simulated = new Map<Services, Services>();
  const simOf = (key: DemoCompanyKey): Services => {
    const real = placement.servicesOf(key);
    let sim = simulated.get(real);
    if (!sim) simulated.set(real, (sim = createServices({ ...real.deps, now: () => clock })));
    return sim;
  };
  const today = now.toISOString().slice(0, 10);
  const moment = (daysAgo: number): Date => {
    // Working hours (09:00 UTC) on whole days; fractions count back from now. Never in the future.
    const t = Number.isInteger(daysAgo)
      ? Date.parse(`${today}T09:00:00.000Z`) - daysAgo * DAY_MS
      : now.getTime() - daysAgo * DAY_MS;
    return new Date(Math.min(t, now.getTime() - 60_000));
  };
  const day = (offset: number): string =>
    new Date(Date.parse(`${today}T00:00:00.000Z`) + offset * DAY_MS).toISOString().slice(0, 10);

  const parties = new Map<DemoCompanyKey, Party>();
  for (const spec of COMPANIES) {
    const services = placement.servicesOf(spec.key);
    const store = services.deps.store;
    const identifiers = identifiersOf(spec);
    const [scheme, value] = identifiers[0]!.split(':') as [string, string];
    let company = await store.companies.findByIdentifier(scheme, value);
    if (company && (await store.partners.getRemote(company.id)))
      throw new DomainError(
        'conflict',
        `demo company ${spec.name} is a partner on another node here, not hosted: use a fresh data directory`,
      );
    if (!company) {
      clock = moment(REGISTERED_DAYS_AGO);
      company = await simOf(spec.key).registerCompany({
        name: spec.name,
        identifiers,
        city: spec.city,
        country: 'NL',
      });
      created.companies++;
    }
    const users = new Map<UserRole, User>();
    for (const u of spec.users) {
      let user: User | null = await store.users.findByEmail(u.email);
      if (!user) {
        user = await services.addUser({
          companyId: company.id,
          email: u.email,
          name: u.name,
          role: u.role,
          password: DEMO_PASSWORD,
        });
        created.users++;
      } else if (user.companyId !== company.id) {
        throw new DomainError(
          'conflict',
          `demo user ${u.email} exists but belongs to another company than ${company.name}`,
          { field: 'email' },
        );
      }
      users.set(u.role, user);
    }
    parties.set(spec.key, { spec, company, users });
  }
  const party = (key: DemoCompanyKey): Party => parties.get(key)!;
  await placement.companiesReady?.();

  for (const story of STORIES) {
    const buyer = party(story.buyer);
    const seller = party(story.seller);
    const buyerStore = placement.servicesOf(story.buyer).deps.store;
    if (await buyerStore.orders.findIdByNumber(buyer.company.id, story.number)) continue;
    // Each step runs on the node of the company that takes it, then reaches the partner's copy.
    const asBuyer = simOf(story.buyer);
    const asSeller = simOf(story.seller);
    const settleBuyer = () => placement.settle(story.buyer);
    const settleSeller = () => placement.settle(story.seller);
    const purchaser = callerFor(buyer.company, userOf(buyer, 'purchasing'));
    const sales = callerFor(seller.company, userOf(seller, 'sales'));
    const context = storyContext({
      story,
      asBuyer,
      asSeller,
      purchaser,
      sales,
      sellerIdentifier: `0088:${withGs1CheckDigit(seller.spec.gln)}`,
      at: (daysAgo) => (clock = moment(daysAgo)),
      day,
      settleBuyer,
      settleSeller,
    });
    try {
      await story.play(context);
    } catch (e) {
      if (e instanceof DomainError)
        throw new DomainError(e.code, `demo order ${story.number}: ${e.message}`, e.details);
      throw e;
    }
    created.orders++;
  }

  const companies: DemoCompany[] = [];
  for (const p of parties.values()) {
    const services = placement.servicesOf(p.spec.key);
    const admin = callerFor(p.company, userOf(p, 'admin'));
    for (const t of await services.listApiTokens(admin)) {
      if (t.name === DEMO_TOKEN_NAME && !t.revokedAt) await services.revokeApiToken(admin, t.id);
    }
    const { token } = await services.createApiToken(
      p.company.id,
      { name: DEMO_TOKEN_NAME, role: 'admin' },
      admin.actor.userId,
    );
    companies.push({
      key: p.spec.key,
      tier: p.spec.tier,
      id: p.company.id,
      name: p.company.name,
      city: p.company.city ?? p.spec.city,
      identifier: identifiersOf(p.spec)[0]!,
      identifiers: identifiersOf(p.spec),
      users: p.spec.users,
      token,
    });
  }
  return { password: DEMO_PASSWORD, companies, created, orderNumbers: STORIES.map((s) => s.number) };
}
