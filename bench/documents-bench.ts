// `npm run bench -- documents`: how fast the node takes in UBL — everything an import does before the use
// case (hash, parse, validate, detect, sender, read, map) for an Order (T01) and an Invoice (Peppol BIS
// Billing 3) of 1, 100 and 1,000 lines — measured in the same run against a bare saxes parse of the same
// bytes (the floor), reported as a ratio and as a share of the floor's throughput; and the peak
// memory (VmHWM) of a fresh process that takes in one 1,000-line document. Storage is not included.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { applyOrderAction } from '../src/domain/order-actions.ts';
import { createOrder, mirrorFor } from '../src/domain/order-create.ts';
import type { Order } from '../src/domain/order-types.ts';
import { detectDocument } from '../src/documents/document-detection.ts';
import type { InvoiceDocument } from '../src/documents/document-model.ts';
import { writeDocument } from '../src/documents/document-writer.ts';
import { readDocument } from '../src/documents/document-reader.ts';
import { mapInvoice } from '../src/documents/invoice-mapper.ts';
import { parseAndValidate, validateDocument } from '../src/documents/validate-document.ts';
import { senderOf } from '../src/documents/document-parties.ts';
import { parseXml } from '../src/documents/xml-parser.ts';
import { writeResults } from './bench-support.ts';

const SIZES = [1, 100, 1000] as const;
const MIN_MS = Number(process.env.BENCH_MS ?? 1500);
const NOW = '2026-11-22T10:00:00.000Z';
const buyer = {
  name: 'Bench Koper BV',
  identifiers: [
    { scheme: '0088', value: '8712345678906' },
    { scheme: '9944', value: 'NL987654321B01' },
  ],
  city: 'Eindhoven',
  country: 'NL',
};
const seller = {
  name: 'Bench Leverancier BV',
  identifiers: [
    { scheme: '0106', value: '12345678' },
    { scheme: '9944', value: 'NL123456789B01' },
  ],
  city: 'Helmond',
  country: 'NL',
};
const parties = {
  buyer: {
    companyId: '00000000-0000-4000-8000-000000000001',
    name: buyer.name,
    identifier: '0088:8712345678906',
  },
  seller: {
    companyId: '00000000-0000-4000-8000-000000000002',
    name: seller.name,
    identifier: '0106:12345678',
  },
};

/** An order of n lines, and its seller's copy agreed, shipped, received and invoiced in full. */
function orders(n: number): { buyerCopy: Order; invoiced: Order } {
  const lines = Array.from({ length: n }, (_, i) => ({
    lineId: String(i + 1),
    item: { name: `Beugel type ${i + 1}`, buyerItemId: `VD-${1000 + i}`, sellerItemId: `PA-${2000 + i}` },
    unitCode: 'C62',
    price: { amount: '12.5', baseQuantity: '1' },
    schedule: [{ date: '2027-03-01', quantity: String(10 + (i % 7)) }],
  }));
  const { order } = createOrder(
    { number: `BENCH-${n}`, issueDate: '2026-11-20', currency: 'EUR', lines },
    { orderId: '00000000-0000-4000-8000-0000000000aa', ...parties },
    NOW,
  );
  const step = (o: Order, a: Parameters<typeof applyOrderAction>[1], role: 'buyer' | 'seller') =>
    applyOrderAction(o, a, role, NOW).order;
  let s = mirrorFor(order, 'seller');
  s = step(
    s,
    { type: 'respond', answers: order.lines.map((l) => ({ lineId: l.lineId, answer: 'accept' as const })) },
    'seller',
  );
  s = step(
    s,
    {
      type: 'ship',
      despatch: { id: 'd', number: 'D-1' },
      lines: order.lines.map((l) => ({
        lineId: l.lineId,
        deliveryLineId: '1',
        quantity: l.requested.quantity,
      })),
    },
    'seller',
  );
  s = step(
    s,
    {
      type: 'receive',
      lines: order.lines.map((l) => ({
        lineId: l.lineId,
        deliveryLineId: '1',
        received: l.requested.quantity,
      })),
    },
    'buyer',
  );
  s = step(
    s,
    {
      type: 'invoice',
      invoiceId: 'i',
      invoice: {
        number: `INV-${n}`,
        issueDate: '2027-03-05',
        lines: order.lines.map((l) => ({
          lineId: l.lineId,
          quantity: l.requested.quantity,
          price: l.requested.price,
        })),
      },
    },
    'seller',
  );
  return { buyerCopy: order, invoiced: s };
}

/** The document bytes: written by Schakel itself, so they are valid Peppol documents of realistic shape. */
export function documentOf(kind: 'Order' | 'Invoice', n: number): { bytes: Buffer; order: Order } {
  const { buyerCopy, invoiced } = orders(n);
  const order = kind === 'Order' ? buyerCopy : invoiced;
  // Invoice addresses and payment means come from an original document; give the writer one.
  const source = parseXml(
    `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
     <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:StreetName>Kanaaldijk 7</cbc:StreetName><cbc:CityName>Helmond</cbc:CityName><cbc:PostalZone>5700 AA</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>
     <cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cbc:StreetName>Industrieweg 12</cbc:StreetName><cbc:CityName>Eindhoven</cbc:CityName><cbc:PostalZone>5651 AB</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:Party></cac:AccountingCustomerParty>
     <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>NL91ABNA0417164300</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans></Invoice>`,
  );
  const xml = writeDocument(kind, {
    order,
    buyer,
    seller,
    profile: 'peppol',
    today: '2027-03-05',
    events: [],
    invoiceSource: source,
  });
  const bytes = Buffer.from(xml, 'utf8');
  const check = validateDocument(bytes);
  if (!check.valid)
    throw new Error(
      `the ${kind} with ${n} lines is not valid: ${check.findings.map((f) => f.rule).join(', ')}`,
    );
  return { bytes, order };
}

/** saxes on its own, namespace-aware as the node's parser, with no handlers: the floor. */
function bareParse(bytes: Buffer): void {
  new SaxesParser({ xmlns: true }).write(bytes.toString('utf8')).close();
}

/**
 * What an import (app/documents/import-document.ts) does with the bytes before storage: hash them, parse and
 * validate them, detect the type, find the sender, read the document and map it onto the order.
 */
export function takeIn(bytes: Buffer, order: Order): number {
  createHash('sha256').update(bytes).digest('hex');
  const { validation, root } = parseAndValidate(bytes);
  if (!root || !validation.valid) throw new Error('invalid');
  const detected = detectDocument(root);
  if (!senderOf(root, detected.documentType)) throw new Error('no sender');
  const doc = readDocument(root, detected);
  if (doc.documentType === 'Order') {
    return createOrder(doc.order, { orderId: 'x', ...parties }, NOW).order.lines.length;
  }
  return mapInvoice(order, doc as InvoiceDocument).input.lines.length;
}

/** Runs `fn` for at least MIN_MS (after a warm-up) and returns the mean time per call in ms. */
function measure(fn: () => void): { ms: number; iterations: number } {
  for (let i = 0; i < 3; i++) fn();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS || iterations < 5) {
    fn();
    iterations++;
    elapsed = performance.now() - start;
  }
  return { ms: elapsed / iterations, iterations };
}

interface Row {
  document: string;
  lines: number;
  bytes: number;
  saxes: { msPerDocument: number; documentsPerSecond: number; mbPerSecond: number };
  pipeline: { msPerDocument: number; documentsPerSecond: number; mbPerSecond: number };
  /** pipeline time ÷ bare saxes time. */
  ratio: number;
  /** pipeline throughput as a percentage of bare saxes throughput (the issue's goal: ≥ 40 %). */
  percentOfFloor: number;
}

const rate = (ms: number, bytes: number) => ({
  msPerDocument: Number(ms.toFixed(3)),
  documentsPerSecond: Number((1000 / ms).toFixed(1)),
  mbPerSecond: Number(((bytes / 1e6) * (1000 / ms)).toFixed(2)),
});

/** Peak resident set size of this process so far (VmHWM), in MiB; 0 where /proc is missing. */
function highWaterMiB(): number {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Child mode: take in one document in a fresh process and report its peak memory. */
function memoryChild(kind: 'Order' | 'Invoice'): void {
  const { bytes, order } = documentOf(kind, 1000);
  const before = highWaterMiB();
  const heapBefore = process.memoryUsage().heapUsed;
  takeIn(bytes, order);
  const heapAfter = process.memoryUsage().heapUsed;
  process.stdout.write(
    JSON.stringify({
      kind,
      bytes: bytes.length,
      rssBeforeMiB: before,
      peakRssMiB: highWaterMiB(),
      heapGrowthMiB: (heapAfter - heapBefore) / 1048576,
    }),
  );
}

function peakMemory(kind: 'Order' | 'Invoice'): Record<string, unknown> | null {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory', kind], {
    encoding: 'utf8',
  });
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function runDocumentsBench(): Promise<void> {
  const rows: Row[] = [];
  for (const kind of ['Order', 'Invoice'] as const) {
    for (const n of SIZES) {
      const { bytes, order } = documentOf(kind, n);
      const floor = measure(() => bareParse(bytes));
      const full = measure(() => void takeIn(bytes, order));
      rows.push({
        document: kind,
        lines: n,
        bytes: bytes.length,
        saxes: rate(floor.ms, bytes.length),
        pipeline: rate(full.ms, bytes.length),
        ratio: Number((full.ms / floor.ms).toFixed(1)),
        percentOfFloor: Number(((100 * floor.ms) / full.ms).toFixed(1)),
      });
    }
  }
  const memory = { Order: peakMemory('Order'), Invoice: peakMemory('Invoice') };
  const file = writeResults('documents', {
    when: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    minimumMsPerMeasurement: MIN_MS,
    rows,
    peakMemoryFor1000Lines: memory,
  });
  const pad = (s: string | number, w: number) => String(s).padStart(w);
  console.log(
    `\n${'document'.padEnd(9)}${pad('lines', 6)}${pad('KB', 8)}${pad('saxes doc/s', 13)}${pad('MB/s', 8)}${pad('pipeline doc/s', 16)}${pad('MB/s', 8)}${pad('ratio', 8)}${pad('% floor', 9)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.document.padEnd(9)}${pad(r.lines, 6)}${pad((r.bytes / 1024).toFixed(1), 8)}${pad(r.saxes.documentsPerSecond, 13)}${pad(r.saxes.mbPerSecond, 8)}${pad(r.pipeline.documentsPerSecond, 16)}${pad(r.pipeline.mbPerSecond, 8)}${pad(`${r.ratio}×`, 8)}${pad(`${r.percentOfFloor}%`, 9)}`,
    );
  }
  for (const [kind, m] of Object.entries(memory)) {
    if (m)
      console.log(
        `peak RSS taking in a 1,000-line ${kind} (${Math.round(Number(m.bytes) / 1024)} KB) in a fresh process: ${Number(m.peakRssMiB).toFixed(0)} MiB (${Number(m.rssBeforeMiB).toFixed(0)} MiB before), heap +${Number(m.heapGrowthMiB).toFixed(1)} MiB`,
      );
  }
  console.log(
    `\npipeline = hash + parse + validate + detect + sender + read + map to the use-case input (as an import does before storage); ratio = pipeline ÷ bare saxes parse.\nresults: ${file}`,
  );
  return Promise.resolve();
}

if (process.argv[2] === '--memory') memoryChild(process.argv[3] === 'Invoice' ? 'Invoice' : 'Order');
