// What a stopped node's store holds after a scenario, read straight from its database (PGlite data
// directory or PostgreSQL schema) rather than through the node that is being tested: order copies with
// their line states, the outbox (status, attempts, what the receipts say) and the inbox. The scenarios
// compare the two ledgers of a trading pair to prove exactly-once delivery.
import { openStore } from '../../../src/storage/store.ts';
import type { NodeProcess } from './node-process.ts';

export interface OrderCopy {
  number: string;
  status: string;
  /** line id → state */
  lines: Record<string, string>;
}

export interface Ledger {
  /** Order copies of the given role, by order id. */
  orders: Map<string, OrderCopy>;
  outbox: {
    total: number;
    byStatus: Record<string, number>;
    /** Attempts beyond the first, over all messages. */
    retries: number;
    /** Delivered messages whose receipt says the receiver already had them. */
    duplicateReceipts: number;
    /** Delivered messages per conversation (order id) and document type, e.g. "…/Order". */
    delivered: Map<string, number>;
  };
  inbox: {
    total: number;
    /** Distinct (sender, message id): equal to total when nothing is stored twice. */
    distinctMessages: number;
    byStatus: Record<string, number>;
    /** Received messages per conversation (order id) and document type. */
    received: Map<string, number>;
  };
}

const count = (rows: { k: string; n: string | number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));

/** Opens the store of a stopped node, reads its ledger for copies of `role`, and closes it again. */
export async function readLedger(node: NodeProcess, role: 'buyer' | 'seller'): Promise<Ledger> {
  if (node.running) throw new Error(`${node.name} must be stopped before its store is read`);
  const store = await openStore(
    node.databaseUrl ? { databaseUrl: node.databaseUrl } : { dataDir: node.dataDir },
  );
  try {
    const db = store.database;
    const orders = new Map<string, OrderCopy>();
    const o = await db.query<{ id: string; number: string; status: string }>(
      'SELECT id, number, status FROM orders WHERE role = $1',
      [role],
    );
    for (const r of o.rows) orders.set(r.id, { number: r.number, status: r.status, lines: {} });
    const l = await db.query<{ order_id: string; line_id: string; state: string }>(
      'SELECT l.order_id, l.line_id, l.state FROM order_lines l JOIN orders o ON o.company_id = l.company_id AND o.id = l.order_id WHERE o.role = $1',
      [role],
    );
    for (const r of l.rows) orders.get(r.order_id)!.lines[r.line_id] = r.state;

    const out = await db.query<{
      status: string;
      attempts: number;
      receipt: string | null;
      conversation_id: string;
      document_type: string;
    }>('SELECT status, attempts, receipt, conversation_id, document_type FROM outbox');
    const delivered = new Map<string, number>();
    let duplicateReceipts = 0;
    for (const r of out.rows) {
      if (r.status !== 'delivered') continue;
      const key = `${r.conversation_id}/${r.document_type}`;
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      const receipt = JSON.parse(Buffer.from(r.receipt!.split('.')[1]!, 'base64url').toString()) as {
        status: string;
      };
      if (receipt.status === 'duplicate') duplicateReceipts++;
    }

    const inRows = await db.query<{ conversation_id: string; document_type: string }>(
      'SELECT conversation_id, document_type FROM inbox',
    );
    const received = new Map<string, number>();
    for (const r of inRows.rows) {
      const key = `${r.conversation_id}/${r.document_type}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
    const distinct = await db.query<{ n: string | number }>(
      'SELECT COUNT(*) AS n FROM (SELECT DISTINCT sender, message_id FROM inbox) d',
    );
    const outStatus = await db.query<{ k: string; n: string | number }>(
      'SELECT status AS k, COUNT(*) AS n FROM outbox GROUP BY status',
    );
    const inStatus = await db.query<{ k: string; n: string | number }>(
      'SELECT status AS k, COUNT(*) AS n FROM inbox GROUP BY status',
    );
    return {
      orders,
      outbox: {
        total: out.rows.length,
        byStatus: count(outStatus.rows),
        retries: out.rows.reduce((sum, r) => sum + Math.max(0, Number(r.attempts) - 1), 0),
        duplicateReceipts,
        delivered,
      },
      inbox: {
        total: inRows.rows.length,
        distinctMessages: Number(distinct.rows[0]!.n),
        byStatus: count(inStatus.rows),
        received,
      },
    };
  } finally {
    await store.close();
  }
}
