// Demo stories of the OEM and its tier-1 assembler: every order state, played by seed-demo.ts.
import { ITEMS, OEM_DOCK, type Story } from './demo-story-types.ts';

/** Van Dijk Machinebouw (OEM) buying modules from Brabant Assemblage (tier 1). */
export const OEM_STORIES: readonly Story[] = [
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
];
