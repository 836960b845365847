// Despatches: one shipment that may cover lines of several orders.
import { z } from 'zod';
import { DateString, DecimalInput, Uuid } from './common-schemas.ts';
import { OrderViewSchema } from './order-view-schemas.ts';

export const DespatchBody = z.strictObject({
  number: z.string().max(50).describe('Despatch advice number, unique per seller.'),
  date: DateString,
  lines: z.array(
    z.strictObject({
      orderId: Uuid,
      lineId: z.string().max(35),
      deliveryLineId: z.string(),
      quantity: DecimalInput,
    }),
  ),
});

export const DespatchResponse = z
  .object({
    despatchId: z.string(),
    number: z.string(),
    orders: z.array(OrderViewSchema).describe('Every order the despatch covers, after shipping.'),
  })
  .describe('The despatch is recorded on every order it covers.');
