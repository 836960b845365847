// What a demo story is: the steps of one order's life, played through the use cases on a clock in the
// past (seed-demo.ts plays them), and the articles the stories order.
import type { ItemInput, NewOrderInput } from '../domain/order-create.ts';
import type { ReceiptInput } from '../domain/order-logistics.ts';
import type { ChangeInput, LineAnswer, LineDecision } from '../domain/order-negotiation.ts';
import type { DemoCompanyKey } from './demo-companies.ts';
import { withGs1CheckDigit } from './demo-identifiers.ts';

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

const OEM_DOCK = {
  name: 'Van Dijk Machinebouw, goederenontvangst hal 3',
  identifier: `0088:${withGs1CheckDigit('871940100002')}`,
  address: 'Kanaaldijk-Zuid 12, 5613 LE Eindhoven',
};

export { ITEMS, OEM_DOCK, type LineSpec, type Story, type StoryContext };
