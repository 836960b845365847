// The business traffic of the reliability scenarios, driven through the nodes' public API: the buyer
// issues orders on node A (several at a time), the supplier answers each one (accept) on node B as soon
// as B shows it. A call that never got an answer because B was down or killed is a client error, not
// lost data: the supplier simply asks again. A call that got a 2xx must be durable — the checks at the
// end of each scenario prove that.
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeProcess } from './node-process.ts';
import { SELLER, type TradingPair } from './trading-pair.ts';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** One API call; throws only when no HTTP answer arrived (connection refused, reset, timeout). */
export async function api(
  node: NodeProcess,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const r = await fetch(`${node.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A small order of one line (the scenarios are about delivery, not about order size). */
export function orderBody(number: string): unknown {
  return {
    seller: SELLER,
    number,
    issueDate: '2026-11-22',
    currency: 'EUR',
    lines: [
      {
        lineId: '1',
        item: { buyerItemId: 'VD-1', name: 'Beugel type 1' },
        unitCode: 'C62',
        price: { amount: '12.50' },
        schedule: [{ date: '2027-04-01', quantity: '100' }],
      },
    ],
  };
}

/** Runs `work` for 0 … count-1 with `concurrency` workers. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export interface Issued {
  /** Order id per order number, for the orders A acknowledged with 201. */
  ids: Map<string, string>;
  /** Calls that did not end in 201 (node A is never disturbed, so this must stay empty). */
  failures: string[];
}

/** Issues `count` orders PO-<firstNumber> … on node A, `concurrency` at a time; `onIssued` after each 201. */
export async function issueOrders(
  pair: TradingPair,
  count: number,
  {
    concurrency = 12,
    firstNumber = 1,
    onIssued,
  }: { concurrency?: number; firstNumber?: number; onIssued?: (issued: number) => void } = {},
): Promise<Issued> {
  const issued: Issued = { ids: new Map(), failures: [] };
  await pool(count, concurrency, async (i) => {
    const number = `PO-${String(firstNumber + i).padStart(5, '0')}`;
    try {
      const r = await api(pair.buyer, pair.buyerToken, 'POST', '/orders', orderBody(number));
      if (r.status !== 201) issued.failures.push(`${number}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      else {
        issued.ids.set(number, (r.body as { id: string }).id);
        onIssued?.(issued.ids.size);
      }
    } catch (e) {
      issued.failures.push(`${number}: ${String((e as Error).cause ?? e)}`);
    }
  });
  return issued;
}

export interface Answering {
  /** Orders the supplier's answer is stored for on B (2xx, or found answered after a lost reply). */
  answered: Set<string>;
  /** Calls to B that got no HTTP answer (B down or killed): retried, never counted as answered. */
  clientErrors: number;
  /** Answers B refused (must stay empty). */
  failures: string[];
  /** Stops polling and waits for the calls in flight. */
  stop(): Promise<void>;
}

interface SellerSummary {
  id: string;
  status: string;
}

/** Answers one order on B: true when the answer is stored, false when B refused it (recorded in `failures`). */
async function answer(pair: TradingPair, id: string, failures: string[]): Promise<boolean> {
  const { seller, sellerToken } = pair;
  const r = await api(seller, sellerToken, 'POST', `/orders/${id}/respond`, {
    answers: [{ lineId: '1', answer: 'accept' }],
  });
  if (r.status === 200) return true;
  // An earlier call whose reply was lost to a SIGKILL may have stored the answer: 409, and the copy
  // shows it. Anything else is a real refusal.
  if (r.status === 409) {
    const now = await api(seller, sellerToken, 'GET', `/orders/${id}`);
    if ((now.body as { status?: string }).status === 'agreed') return true;
  }
  failures.push(`respond ${id}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return false;
}

/** The supplier on B: polls for issued orders and accepts each, `concurrency` at a time, until stopped. */
export function startAnswering(pair: TradingPair, { concurrency = 8 } = {}): Answering {
  const state = { answered: new Set<string>(), clientErrors: 0, failures: [] as string[] };
  const inFlight = new Set<string>();
  const refused = new Set<string>();
  // Orders whose answer got no HTTP reply (B killed mid-call): B may have stored it, and then the order
  // is no longer listed as issued — so look each one up until its state is known.
  const unsure = new Set<string>();
  let stopped = false;
  const settleUnsure = async (): Promise<void> => {
    for (const id of [...unsure]) {
      try {
        const r = await api(pair.seller, pair.sellerToken, 'GET', `/orders/${id}`);
        if (r.status !== 200) continue;
        unsure.delete(id);
        // Still issued: the listing offers it again. Anything else: the lost call stored the answer.
        if ((r.body as { status?: string }).status !== 'issued') state.answered.add(id);
      } catch {
        return; // B is down again; try later.
      }
    }
  };
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await settleUnsure();
      let open: SellerSummary[];
      try {
        const r = await api(
          pair.seller,
          pair.sellerToken,
          'GET',
          '/orders?role=seller&status=issued&limit=500',
        );
        if (r.status !== 200) throw new Error(`list: HTTP ${r.status}`);
        open = (r.body as { items: SellerSummary[] }).items;
      } catch {
        state.clientErrors++;
        await sleep(200);
        continue;
      }
      const todo = open
        .map((o) => o.id)
        .filter((id) => !state.answered.has(id) && !inFlight.has(id) && !refused.has(id) && !unsure.has(id));
      if (todo.length === 0) {
        await sleep(100);
        continue;
      }
      await pool(todo.length, concurrency, async (i) => {
        const id = todo[i]!;
        inFlight.add(id);
        try {
          if (await answer(pair, id, state.failures)) state.answered.add(id);
          else refused.add(id);
        } catch {
          state.clientErrors++;
          unsure.add(id);
        } finally {
          inFlight.delete(id);
        }
      });
    }
  };
  const running = loop();
  return {
    answered: state.answered,
    failures: state.failures,
    get clientErrors() {
      return state.clientErrors;
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
