// Request shapes for what is asked or proposed on a line: item, unit, price and delivery schedule.
import { z } from 'zod';
import { gtinProblem } from '../../domain/identifiers.ts';
import { DateString, DecimalInput, OptionalText } from './common-schemas.ts';

/** Unit price per base quantity: 12.50 per 100 pieces is {amount: "12.50", baseQuantity: "100"}. */
export const PriceInput = z.strictObject({
  amount: DecimalInput,
  baseQuantity: DecimalInput.optional().describe('Quantity the amount is for; default 1.'),
});

/** One delivery line of a schedule. */
export const ScheduleLineInput = z.strictObject({
  id: z.string().max(35).optional().describe('Delivery line id; numbered 1, 2, … when absent.'),
  date: DateString,
  quantity: DecimalInput,
});

/** A standard item number; a GTIN (scheme 0160) must have a valid GS1 check digit. */
export const StandardItemIdInput = z
  .strictObject({
    scheme: z.string().max(35).nullish().describe('ISO 6523 ICD of the numbering system, e.g. 0160 (GTIN).'),
    value: z.string().max(100),
  })
  .superRefine((id, ctx) => {
    const problem = id.scheme === '0160' ? gtinProblem(id.value.trim()) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export const ItemInput = z.strictObject({
  buyerItemId: z.string().max(100).nullish(),
  sellerItemId: z.string().max(100).nullish(),
  standardItemId: StandardItemIdInput.nullish(),
  name: z.string().max(200),
  description: OptionalText,
});

/** A new order line (when issuing, and when a change adds lines). */
export const NewLineInput = z.strictObject({
  lineId: z.string().describe('1–35 letters, digits or . - / _; unique within the order.'),
  item: ItemInput,
  unitCode: z.string().describe('UN/ECE Recommendation 20 unit code, e.g. C62 (piece), KGM, MTR.'),
  quantity: DecimalInput.optional().describe('When given, must equal the sum of the schedule.'),
  price: PriceInput,
  schedule: z.array(ScheduleLineInput),
  note: OptionalText,
});

/** Fields that change terms: a new schedule sets the quantity; a quantity alone rescales a one-line schedule. */
export const termsPatchShape = {
  quantity: DecimalInput.optional(),
  price: PriceInput.optional(),
  schedule: z.array(ScheduleLineInput).optional(),
};
