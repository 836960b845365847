// Plays a demo story: each step through the use cases of the company that takes it, on the clock of the
// step (days ago), then settled so that the partner's copy follows before the next step.
import type { Caller } from '../app/deps.ts';
import type { Services } from '../app/node.ts';
import type { NewLineInput } from '../domain/order-create.ts';
import type { LineSpec, Story, StoryContext } from './demo-story-types.ts';

/** What a story is played with. */
export interface StoryStage {
  story: Story;
  /** The buyer's and seller's use cases, on the simulated clock. */
  asBuyer: Services;
  asSeller: Services;
  purchaser: Caller;
  sales: Caller;
  /** The seller's identifier, to issue the order to. */
  sellerIdentifier: string;
  /** Sets the simulated clock to `daysAgo` and returns it. */
  at: (daysAgo: number) => Date;
  /** Date `offset` days from today, YYYY-MM-DD. */
  day: (offset: number) => string;
  settleBuyer: () => Promise<void>;
  settleSeller: () => Promise<void>;
}

/** The steps a story can take, bound to its stage. */
export function storyContext(stage: StoryStage): StoryContext {
  const { story, asBuyer, asSeller, purchaser, sales, day, settleBuyer, settleSeller } = stage;
  let clock = new Date(0);
  let orderId = '';
  let lineIds: string[] = [];
  const at = (daysAgo: number): void => {
    clock = stage.at(daysAgo);
  };
  const toLine = ([lineId, item, unitCode, price, schedule]: LineSpec): NewLineInput => {
    const [amount, baseQuantity] = typeof price === 'string' ? [price, '1'] : price;
    return {
      lineId,
      item,
      unitCode,
      price: { amount, baseQuantity },
      schedule: schedule.map(([offset, quantity], i) => ({
        id: String(i + 1),
        date: day(offset),
        quantity,
      })),
    };
  };
  return {
    day,
    async issue(daysAgo, lines, extra = {}) {
      at(daysAgo);
      const order = await asBuyer.issueOrder(purchaser, {
        number: story.number,
        issueDate: clock.toISOString().slice(0, 10),
        currency: 'EUR',
        seller: stage.sellerIdentifier,
        lines: lines.map(toLine),
        ...extra,
      });
      orderId = order.id;
      lineIds = order.lines.map((l) => l.lineId);
      await settleBuyer();
    },
    async accept(daysAgo, ids = lineIds) {
      at(daysAgo);
      await asSeller.respondToLines(
        sales,
        orderId,
        ids.map((lineId) => ({ lineId, answer: 'accept' as const })),
      );
      await settleSeller();
    },
    async respond(daysAgo, answers) {
      at(daysAgo);
      await asSeller.respondToLines(sales, orderId, answers);
      await settleSeller();
    },
    async decide(daysAgo, decisions) {
      at(daysAgo);
      await asBuyer.decideProposals(purchaser, orderId, decisions);
      await settleBuyer();
    },
    async change(daysAgo, change) {
      at(daysAgo);
      await asBuyer.changeOrder(purchaser, orderId, change);
      await settleBuyer();
    },
    async cancel(daysAgo, reason) {
      at(daysAgo);
      await asBuyer.cancelOrder(purchaser, orderId, reason);
      await settleBuyer();
    },
    async produce(daysAgo, lines) {
      at(daysAgo);
      await asSeller.reportProduction(
        sales,
        orderId,
        lines.map(([lineId, deliveryLineId, produced]) => ({ lineId, deliveryLineId, produced })),
      );
      await settleSeller();
    },
    async ship(daysAgo, number, lines) {
      at(daysAgo);
      await asSeller.shipGoods(sales, {
        number,
        date: clock.toISOString().slice(0, 10),
        lines: lines.map(([lineId, deliveryLineId, quantity]) => ({
          orderId,
          lineId,
          deliveryLineId,
          quantity,
        })),
      });
      await settleSeller();
    },
    async receive(daysAgo, lines) {
      at(daysAgo);
      await asBuyer.receiveGoods(purchaser, orderId, lines);
      await settleBuyer();
    },
    async invoice(daysAgo, number, lines) {
      at(daysAgo);
      await asSeller.submitInvoice(sales, orderId, {
        number,
        issueDate: clock.toISOString().slice(0, 10),
        lines: lines.map(([lineId, quantity, amount, baseQuantity = '1']) => ({
          lineId,
          quantity,
          price: { amount, baseQuantity },
        })),
      });
      await settleSeller();
    },
  };
}
