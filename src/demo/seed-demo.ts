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
import type { ItemInput, NewLineInput, NewOrderInput } from '../domain/order-create.ts';
import type { ReceiptInput } from '../domain/order-logistics.ts';
import type { ChangeInput, LineAnswer, LineDecision } from '../domain/order-negotiation.ts';
import type { Caller } from '../app/deps.ts';
import { createServices, type Services } from '../app/node.ts';

export const DEMO_PASSWORD = 'schakel-demo-2026';
export const DEMO_TOKEN_NAME = 'demo';

export type DemoCompanyKey = 'oem' | 'assembler' | 'machining' | 'sheetMetal' | 'material';

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
}

export interface DemoCompany {
  key: DemoCompanyKey;
  /** Place in the chain, e.g. "OEM machine builder". */
  tier: string;
  id: string;
  name: string;
  city: string;
  /** Primary identifier `scheme:value` (a GLN). */
  identifier: string;
  identifiers: string[];
  users: DemoUser[];
  /** A fresh admin API token named "demo" (the previous one is revoked). */
  token: string;
}

export interface DemoSeedResult {
  password: string;
  companies: DemoCompany[];
  /** What this run added; all zero when the demo chain was already complete. */
  created: { companies: number; users: number; orders: number };
  /** The buyers' order numbers of the demo chain. */
  orderNumbers: string[];
}

// ---------------------------------------------------------------------------------------------------
// Identifiers. Fictitious numbers that pass the real checks: GS1 check digit for GLNs, the
// "elfproef" for the RSIN inside a Dutch VAT number of a B.V. (NL + RSIN + B01).

/** Appends the GS1 mod-10 check digit to the 12-digit body of a GLN. */
export function withGs1CheckDigit(body: string): string {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += Number(body[i]) * ((body.length - i) % 2 === 1 ? 3 : 1);
  return `${body}${(10 - (total % 10)) % 10}`;
}

/** A Dutch VAT number NL<RSIN>B01 whose 9th RSIN digit makes the RSIN pass the elfproef. */
export function dutchVatNumber(rsinBody: string): string {
  let total = 0;
  for (let i = 0; i < 8; i++) total += Number(rsinBody[i]) * (9 - i);
  const check = total % 11;
  if (check === 10) throw new Error(`RSIN body ${rsinBody} has no valid check digit`);
  return `NL${rsinBody}${check}B01`;
}

interface CompanySpec {
  key: DemoCompanyKey;
  tier: string;
  name: string;
  city: string;
  gln: string;
  kvk: string;
  rsin: string;
  users: DemoUser[];
}

const COMPANIES: readonly CompanySpec[] = [
  {
    key: 'oem',
    tier: 'OEM machine builder',
    name: 'Van Dijk Machinebouw B.V.',
    city: 'Eindhoven',
    gln: '871940100001',
    kvk: '17093842',
    rsin: '85401723',
    users: [
      { email: 'jeroen@vandijk.example', name: 'Jeroen van Dijk', role: 'admin' },
      { email: 'anna@vandijk.example', name: 'Anna de Vries', role: 'purchasing' },
      { email: 'mark@vandijk.example', name: 'Mark Jansen', role: 'sales' },
    ],
  },
  {
    key: 'assembler',
    tier: 'tier 1 — assembly',
    name: 'Brabant Assemblage B.V.',
    city: 'Helmond',
    gln: '871940200002',
    kvk: '17281550',
    rsin: '85611934',
    users: [
      { email: 'femke@brabant-assemblage.example', name: 'Femke van den Berg', role: 'admin' },
      { email: 'sanne@brabant-assemblage.example', name: 'Sanne Bakker', role: 'purchasing' },
      { email: 'thijs@brabant-assemblage.example', name: 'Thijs Smits', role: 'sales' },
    ],
  },
  {
    key: 'machining',
    tier: 'tier 2 — machining',
    name: 'Precisie Verspaning Twente B.V.',
    city: 'Hengelo',
    gln: '871940300003',
    kvk: '06072913',
    rsin: '86012458',
    users: [
      { email: 'gerrit@pv-twente.example', name: 'Gerrit Nijhuis', role: 'admin' },
      { email: 'ilse@pv-twente.example', name: 'Ilse Kamphuis', role: 'purchasing' },
      { email: 'bram@pv-twente.example', name: 'Bram Wessels', role: 'sales' },
    ],
  },
  {
    key: 'sheetMetal',
    tier: 'tier 2 — sheet metal',
    name: 'Plaatwerk Achterhoek B.V.',
    city: 'Doetinchem',
    gln: '871940400004',
    kvk: '09183364',
    rsin: '85927341',
    users: [
      { email: 'henk@plaatwerk-achterhoek.example', name: 'Henk Bruggink', role: 'admin' },
      { email: 'lotte@plaatwerk-achterhoek.example', name: 'Lotte Wolters', role: 'purchasing' },
      { email: 'ruben@plaatwerk-achterhoek.example', name: 'Ruben Tuinte', role: 'sales' },
    ],
  },
  {
    key: 'material',
    tier: 'tier 3 — steel and aluminium',
    name: 'Staalhandel Rijnmond B.V.',
    city: 'Rotterdam',
    gln: '871940500005',
    kvk: '24390186',
    rsin: '86230175',
    users: [
      { email: 'kees@staalhandel-rijnmond.example', name: 'Kees de Groot', role: 'admin' },
      { email: 'naima@staalhandel-rijnmond.example', name: 'Naima El Amrani', role: 'purchasing' },
      { email: 'priya@staalhandel-rijnmond.example', name: 'Priya Ramdin', role: 'sales' },
    ],
  },
];

const identifiersOf = (c: CompanySpec): string[] => [
  `0088:${withGs1CheckDigit(c.gln)}`,
  `0106:${c.kvk}`,
  `9944:${dutchVatNumber(c.rsin)}`,
];

// ---------------------------------------------------------------------------------------------------
// Items: the buyer's and the seller's article numbers, as both ERPs know them.

const it = (
  buyerItemId: string,
  sellerItemId: string,
  name: string,
  description: string | null = null,
): ItemInput => ({
  buyerItemId,
  sellerItemId,
  name,
  description,
});

const ITEMS = {
  driveModule: it(
    'VDM-100245',
    'BA-AM400',
    'Aandrijfmodule AM-400, compleet gemonteerd',
    'Motor 4 kW, haakse tandwielkast, as en lagerhuizen; getest',
  ),
  frame: it('VDM-100312', 'BA-FR12', 'Frame-assemblage FR-12', 'Gelast S235, gepoedercoat RAL 7016'),
  controlCabinet: it(
    'VDM-100418',
    'BA-BK3',
    'Bedieningskast BK-3 met bekabeling',
    'Inclusief PLC-voorbereiding en CE-documentatie',
  ),
  conveyor: it('VDM-100527', 'BA-TB1200', 'Transportbandmodule TB-1200'),
  cableSet: it('VDM-100633', 'BA-KS-M8', 'Kabelset M8, 12-delig, voorgeconfectioneerd'),
  driveShaft: it(
    'BA-30117',
    'PVT-AS40-620',
    'Aandrijfas Ø40 x 620 mm, 42CrMo4, geslepen',
    'Volgens tekening BA-30117 rev. D',
  ),
  bearingHousing: it('BA-30122', 'PVT-LH62', 'Lagerhuis LH-62, gefreesd uit C45'),
  flange: it('BA-30140', 'PVT-FL80', 'Flens DN80, gedraaid, verzinkt'),
  spacer: it('BA-30188', 'PVT-AB2030', 'Afstandsbus 20 x 30 x 15 mm, RVS 304'),
  bearingHousing80: it('BA-30125', 'PVT-LH80', 'Lagerhuis LH-80, nieuw ontwerp', 'Tekening BA-30125 rev. A'),
  cover: it('BA-40211', 'PA-AK-1520', 'Afdekkap RVS 304, 1,5 mm, gezet'),
  mountingPlate: it('BA-40215', 'PA-MP-300', 'Montageplaat S235, 3 mm, gelaserd en gezet'),
  guard: it('BA-40230', 'PA-BK-7035', 'Beschermkap, gepoedercoat RAL 7035'),
  roundBar: it('PVT-M-4213', 'SR-42CRMO4-45', 'Rondstaf 42CrMo4 Ø45 mm, gewalst'),
  blockC45: it('PVT-M-4410', 'SR-C45-80100', 'Blokmateriaal C45, 80 x 100 mm, gezaagd op maat'),
  aluBar: it('PVT-M-4520', 'SR-AL6082-60', 'Aluminium rondstaf 6082 T6 Ø60 mm'),
  sheetS235: it('PA-GP-0315', 'SR-S235-3-1530', 'Plaat S235JR 3 mm, 1500 x 3000 mm'),
  sheet304: it('PA-GP-0322', 'SR-304-15-1225', 'RVS plaat 304 2B, 1,5 mm, 1250 x 2500 mm'),
  tube: it('PA-GP-0340', 'SR-KK40403', 'Koker 40 x 40 x 3 mm S235, lengte 6 m'),
};

// ---------------------------------------------------------------------------------------------------
// Order stories. Times are "days ago" (fractions allowed) on a clock that never passes the real now;
// delivery dates are days relative to today.

interface Story {
  number: string;
  buyer: DemoCompanyKey;
  seller: DemoCompanyKey;
  /** The lifecycle state this order demonstrates (for readers of this file). */
  shows: string;
  play(o: StoryContext): Promise<void>;
}

type LineSpec = [
  lineId: string,
  item: ItemInput,
  unitCode: string,
  price: string | [amount: string, baseQuantity: string],
  schedule: [dayOffset: number, quantity: string][],
];

interface StoryContext {
  issue(
    daysAgo: number,
    lines: LineSpec[],
    extra?: Pick<NewOrderInput, 'note' | 'deliveryLocation'>,
  ): Promise<void>;
  /** The seller accepts lines as requested (all lines when none are named). */
  accept(daysAgo: number, lineIds?: string[]): Promise<void>;
  respond(daysAgo: number, answers: LineAnswer[]): Promise<void>;
  decide(daysAgo: number, decisions: LineDecision[]): Promise<void>;
  change(daysAgo: number, change: ChangeInput): Promise<void>;
  cancel(daysAgo: number, reason: string): Promise<void>;
  produce(
    daysAgo: number,
    lines: [lineId: string, deliveryLineId: string, produced: string][],
  ): Promise<void>;
  ship(
    daysAgo: number,
    despatchNumber: string,
    lines: [lineId: string, deliveryLineId: string, quantity: string][],
  ): Promise<void>;
  receive(daysAgo: number, lines: ReceiptInput[]): Promise<void>;
  invoice(
    daysAgo: number,
    number: string,
    lines: [lineId: string, quantity: string, amount: string, baseQuantity?: string][],
  ): Promise<void>;
  /** Date `offset` days from today, YYYY-MM-DD. */
  day(offset: number): string;
}

const OEM_DOCK = {
  name: 'Van Dijk Machinebouw, goederenontvangst hal 3',
  identifier: `0088:${withGs1CheckDigit('871940100002')}`,
  address: 'Kanaaldijk-Zuid 12, 5613 LE Eindhoven',
};

const STORIES: readonly Story[] = [
  // --- Van Dijk Machinebouw (OEM) buys modules from Brabant Assemblage (tier 1) ---------------------
  {
    number: 'VDM-PO-26101',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'completed with a matched invoice',
    async play(o) {
      await o.issue(
        45,
        [
          ['10', ITEMS.driveModule, 'C62', '1840.00', [[-20, '4']]],
          ['20', ITEMS.frame, 'C62', '965.00', [[-20, '2']]],
        ],
        { deliveryLocation: OEM_DOCK },
      );
      await o.accept(44);
      await o.produce(25, [
        ['10', '1', '4'],
        ['20', '1', '2'],
      ]);
      await o.ship(21, 'BA-PB-26-0412', [
        ['10', '1', '4'],
        ['20', '1', '2'],
      ]);
      await o.receive(20, [
        { lineId: '10', deliveryLineId: '1', received: '4' },
        { lineId: '20', deliveryLineId: '1', received: '2' },
      ]);
      await o.invoice(19, 'BA-F-26-0208', [
        ['10', '4', '1840.00'],
        ['20', '2', '965.00'],
      ]);
    },
  },
  {
    number: 'VDM-PO-26102',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'an invoice mismatch (price differs from the agreed price)',
    async play(o) {
      await o.issue(38, [['10', ITEMS.controlCabinet, 'C62', '1275.50', [[-12, '3']]]], {
        deliveryLocation: OEM_DOCK,
      });
      await o.accept(37);
      await o.ship(13, 'BA-PB-26-0437', [['10', '1', '3']]);
      await o.receive(12, [{ lineId: '10', deliveryLineId: '1', received: '3' }]);
      await o.invoice(10, 'BA-F-26-0231', [['10', '3', '1295.50']]);
    },
  },
  {
    number: 'VDM-PO-26103',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'received, not yet invoiced',
    async play(o) {
      await o.issue(30, [['10', ITEMS.conveyor, 'C62', '2310.00', [[-4, '2']]]], {
        deliveryLocation: OEM_DOCK,
      });
      await o.accept(29);
      await o.ship(5, 'BA-PB-26-0455', [['10', '1', '2']]);
      await o.receive(4, [{ lineId: '10', deliveryLineId: '1', received: '2' }]);
    },
  },
  {
    number: 'VDM-PO-26104',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'a late delivery: agreed for three days ago, nothing shipped',
    async play(o) {
      await o.issue(
        25,
        [
          ['10', ITEMS.driveModule, 'C62', '1840.00', [[-3, '6']]],
          ['20', ITEMS.cableSet, 'C62', ['485.00', '10'], [[-3, '20']]],
        ],
        {
          deliveryLocation: OEM_DOCK,
          note: 'Voor machine VDM-M2210 (klant Westland); leveren via dock 2, uiterlijk 14:00.',
        },
      );
      await o.accept(24);
    },
  },
  {
    number: 'VDM-PO-26105',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'in negotiation: proposals for date, quantity, price and a split schedule',
    async play(o) {
      await o.issue(
        3,
        [
          ['10', ITEMS.driveModule, 'C62', '1840.00', [[21, '4']]],
          ['20', ITEMS.frame, 'C62', '965.00', [[21, '4']]],
          ['30', ITEMS.controlCabinet, 'C62', '1275.50', [[21, '2']]],
          ['40', ITEMS.conveyor, 'C62', '2310.00', [[28, '6']]],
        ],
        { deliveryLocation: OEM_DOCK },
      );
      await o.respond(2, [
        {
          lineId: '10',
          answer: 'propose',
          schedule: [{ id: '1', date: o.day(35), quantity: '4' }],
          note: 'De haakse tandwielkasten komen twee weken later binnen.',
        },
        {
          lineId: '20',
          answer: 'propose',
          quantity: '5',
          note: 'Minimale serie voor het lassen is 5 stuks.',
        },
        {
          lineId: '30',
          answer: 'propose',
          price: { amount: '1310.00' },
          note: 'Koperprijs gestegen; toeslag € 34,50 per kast.',
        },
        {
          lineId: '40',
          answer: 'propose',
          schedule: [
            { date: o.day(28), quantity: '3' },
            { date: o.day(42), quantity: '3' },
          ],
          note: 'Drie nu, drie na de bouwvak.',
        },
      ]);
    },
  },
  {
    number: 'VDM-PO-26106',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'confirmation overdue: issued four days ago, no answer',
    async play(o) {
      await o.issue(4, [['10', ITEMS.frame, 'C62', '965.00', [[30, '2']]]], { deliveryLocation: OEM_DOCK });
    },
  },
  {
    number: 'VDM-PO-26107',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'issued (open), waiting for the seller',
    async play(o) {
      await o.issue(
        0.1,
        [
          ['10', ITEMS.conveyor, 'C62', '2310.00', [[45, '1']]],
          ['20', ITEMS.cableSet, 'C62', ['485.00', '10'], [[45, '30']]],
        ],
        { deliveryLocation: OEM_DOCK },
      );
    },
  },
  {
    number: 'VDM-PO-26108',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'a change awaiting the seller’s answer',
    async play(o) {
      await o.issue(14, [['10', ITEMS.driveModule, 'C62', '1840.00', [[20, '5']]]], {
        deliveryLocation: OEM_DOCK,
      });
      await o.accept(13);
      await o.change(1, {
        change: [{ lineId: '10', quantity: '8' }],
        reason: 'Extra klantorder: drie machines meer in dezelfde serie.',
      });
    },
  },
  {
    number: 'VDM-PO-26109',
    buyer: 'oem',
    seller: 'assembler',
    shows: 'partially shipped: first of two deliveries shipped and received',
    async play(o) {
      await o.issue(
        28,
        [
          [
            '10',
            ITEMS.frame,
            'C62',
            '965.00',
            [
              [-2, '3'],
              [12, '3'],
            ],
          ],
        ],
        { deliveryLocation: OEM_DOCK },
      );
      await o.accept(27);
      await o.ship(2, 'BA-PB-26-0461', [['10', '1', '3']]);
      await o.receive(1, [{ lineId: '10', deliveryLineId: '1', received: '3' }]);
    },
  },
  // --- Brabant Assemblage buys machined parts from Precisie Verspaning Twente (tier 2) -------------
  {
    number: 'BA-IO-5201',
    buyer: 'assembler',
    seller: 'machining',
    shows: 'in production',
    async play(o) {
      await o.issue(12, [
        ['1', ITEMS.driveShaft, 'C62', '86.40', [[9, '40']]],
        ['2', ITEMS.bearingHousing, 'C62', '54.75', [[9, '40']]],
      ]);
      await o.accept(11);
      await o.produce(1, [
        ['1', '1', '25'],
        ['2', '1', '10'],
      ]);
    },
  },
  {
    number: 'BA-IO-5202',
    buyer: 'assembler',
    seller: 'machining',
    shows: 'shipped, in transit',
    async play(o) {
      await o.issue(20, [
        ['1', ITEMS.flange, 'C62', '23.10', [[1, '120']]],
        ['2', ITEMS.spacer, 'C62', ['118.00', '100'], [[1, '500']]],
      ]);
      await o.accept(19);
      await o.produce(3, [
        ['1', '1', '120'],
        ['2', '1', '500'],
      ]);
      await o.ship(1, 'PVT-VB-0931', [
        ['1', '1', '120'],
        ['2', '1', '500'],
      ]);
    },
  },
  {
    number: 'BA-IO-5203',
    buyer: 'assembler',
    seller: 'machining',
    shows: 'a rejected line next to agreed lines',
    async play(o) {
      await o.issue(9, [
        ['1', ITEMS.driveShaft, 'C62', '86.40', [[16, '20']]],
        ['2', ITEMS.bearingHousing, 'C62', '54.75', [[16, '30']]],
        ['3', ITEMS.bearingHousing80, 'C62', '71.00', [[16, '30']]],
      ]);
      await o.respond(8, [
        { lineId: '1', answer: 'accept' },
        { lineId: '2', answer: 'accept' },
        {
          lineId: '3',
          answer: 'reject',
          reason:
            'Tekening BA-30125 rev. A mist de tolerantie op de lagerzitting; zonder maatvoering kunnen wij niet leveren.',
        },
      ]);
    },
  },
  {
    number: 'BA-IO-5204',
    buyer: 'assembler',
    seller: 'machining',
    shows: 'a late delivery in production: half made, due two days ago',
    async play(o) {
      await o.issue(21, [['1', ITEMS.bearingHousing, 'C62', '54.75', [[-2, '24']]]]);
      await o.accept(20);
      await o.produce(3, [['1', '1', '12']]);
    },
  },
  // --- Brabant Assemblage buys sheet-metal parts from Plaatwerk Achterhoek (tier 2) ----------------
  {
    number: 'BA-IO-5211',
    buyer: 'assembler',
    seller: 'sheetMetal',
    shows: 'agreed, delivery in two weeks',
    async play(o) {
      await o.issue(6, [
        ['1', ITEMS.cover, 'C62', '42.80', [[14, '50']]],
        ['2', ITEMS.mountingPlate, 'C62', '31.25', [[14, '80']]],
      ]);
      await o.accept(5);
    },
  },
  {
    number: 'BA-IO-5212',
    buyer: 'assembler',
    seller: 'sheetMetal',
    shows: 'cancelled by the buyer',
    async play(o) {
      await o.issue(16, [['1', ITEMS.guard, 'C62', '67.90', [[10, '25']]]]);
      await o.accept(15);
      await o.cancel(7, 'Project voor de kwekerij is door de eindklant geannuleerd.');
    },
  },
  {
    number: 'BA-IO-5213',
    buyer: 'assembler',
    seller: 'sheetMetal',
    shows: 'completed: two plates rejected at receipt, invoice matched on the accepted quantity',
    async play(o) {
      await o.issue(35, [
        ['1', ITEMS.cover, 'C62', '42.80', [[-14, '30']]],
        ['2', ITEMS.mountingPlate, 'C62', '31.25', [[-14, '60']]],
      ]);
      await o.accept(34);
      await o.ship(15, 'PA-PB-1187', [
        ['1', '1', '30'],
        ['2', '1', '60'],
      ]);
      await o.receive(14, [
        { lineId: '1', deliveryLineId: '1', received: '30' },
        {
          lineId: '2',
          deliveryLineId: '1',
          received: '58',
          rejected: '2',
          reason: 'Zetkant beschadigd tijdens transport.',
        },
      ]);
      await o.invoice(12, 'PA-F-26-0144', [
        ['1', '30', '42.80'],
        ['2', '58', '31.25'],
      ]);
    },
  },
  // --- Precisie Verspaning Twente buys bar stock from Staalhandel Rijnmond (tier 3) -----------------
  {
    number: 'PVT-IK-0871',
    buyer: 'machining',
    seller: 'material',
    shows: 'completed with a matched invoice (price per 100 kg)',
    async play(o) {
      await o.issue(30, [['1', ITEMS.roundBar, 'KGM', ['189.00', '100'], [[-22, '850']]]]);
      await o.accept(29);
      await o.ship(23, 'SR-LB-558201', [['1', '1', '850']]);
      await o.receive(22, [{ lineId: '1', deliveryLineId: '1', received: '850' }]);
      await o.invoice(21, 'SR-26-004512', [['1', '850', '189.00', '100']]);
    },
  },
  {
    number: 'PVT-IK-0872',
    buyer: 'machining',
    seller: 'material',
    shows: 'rejected: the only line was refused',
    async play(o) {
      await o.issue(10, [['1', ITEMS.aluBar, 'MTR', '24.35', [[5, '36']]]]);
      await o.respond(9, [
        {
          lineId: '1',
          answer: 'reject',
          reason: '6082 T6 Ø60 is pas over zes weken leverbaar; Ø65 hebben wij op voorraad.',
        },
      ]);
    },
  },
  {
    number: 'PVT-IK-0873',
    buyer: 'machining',
    seller: 'material',
    shows: 'issued (open), waiting for the seller',
    async play(o) {
      await o.issue(0.2, [['1', ITEMS.blockC45, 'KGM', '1.62', [[10, '420']]]]);
    },
  },
  // --- Plaatwerk Achterhoek buys sheet and tube from Staalhandel Rijnmond (tier 3) -----------------
  {
    number: 'PA-INK-3301',
    buyer: 'sheetMetal',
    seller: 'material',
    shows: 'partially shipped: one of two plate deliveries done, tube complete',
    async play(o) {
      await o.issue(15, [
        [
          '1',
          ITEMS.sheetS235,
          'KGM',
          ['128.50', '100'],
          [
            [-3, '1200'],
            [11, '1200'],
          ],
        ],
        ['2', ITEMS.tube, 'MTR', '6.95', [[-3, '180']]],
      ]);
      await o.accept(14);
      await o.ship(3, 'SR-LB-558377', [
        ['1', '1', '1200'],
        ['2', '1', '180'],
      ]);
      await o.receive(2, [
        { lineId: '1', deliveryLineId: '1', received: '1200' },
        { lineId: '2', deliveryLineId: '1', received: '180' },
      ]);
    },
  },
  {
    number: 'PA-INK-3302',
    buyer: 'sheetMetal',
    seller: 'material',
    shows: 'agreed after a price proposal was accepted',
    async play(o) {
      await o.issue(11, [['1', ITEMS.sheet304, 'KGM', '4.85', [[7, '600']]]]);
      await o.respond(10, [
        {
          lineId: '1',
          answer: 'propose',
          price: { amount: '5.10' },
          note: 'Legeringstoeslag nikkel deze maand € 0,25/kg.',
        },
      ]);
      await o.decide(9, [{ lineId: '1', decision: 'accept', reason: 'Akkoord, toeslag is marktconform.' }]);
    },
  },
  {
    number: 'PA-INK-3303',
    buyer: 'sheetMetal',
    seller: 'material',
    shows: 'confirmation overdue: three days without an answer',
    async play(o) {
      await o.issue(3, [['1', ITEMS.tube, 'MTR', '6.95', [[18, '240']]]]);
    },
  },
];

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

/** The demo companies in chain order (OEM first), for spreading them over nodes. */
export const DEMO_COMPANY_KEYS: readonly DemoCompanyKey[] = COMPANIES.map((c) => c.key);

/** Primary identifier (`scheme:value`) of a demo company. */
export const demoIdentifier = (key: DemoCompanyKey): string =>
  identifiersOf(COMPANIES.find((c) => c.key === key)!)[0]!;

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
    let orderId = '';
    let lineIds: string[] = [];
    const at = (daysAgo: number): void => {
      clock = moment(daysAgo);
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
    const context: StoryContext = {
      day,
      async issue(daysAgo, lines, extra = {}) {
        at(daysAgo);
        const order = await asBuyer.issueOrder(purchaser, {
          number: story.number,
          issueDate: clock.toISOString().slice(0, 10),
          currency: 'EUR',
          seller: `0088:${withGs1CheckDigit(seller.spec.gln)}`,
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
