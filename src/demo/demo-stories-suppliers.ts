// Demo stories further down the chain (tiers 2 and 3), played by seed-demo.ts.
import { ITEMS, type Story } from './demo-story-types.ts';

/** The assembler buying from its tier-2 shops, and those buying from the tier-3 steel supplier. */
export const SUPPLIER_STORIES: readonly Story[] = [
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
