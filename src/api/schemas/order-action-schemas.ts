// Bodies of the order actions (POST /orders/{id}/<action>). Shapes are checked here (400); business
// rules such as "a reason is required" or "quantity above zero" are the domain's (422).
import { z } from 'zod';
import { DateString, DecimalInput, OptionalText, Text } from './common-schemas.ts';
import { ItemInput, NewLineInput, PriceInput, ScheduleLineInput, termsPatchShape } from './terms-schemas.ts';

const LineId = z.string().max(35);

/** The seller answers lines: accept, reject with a reason, or propose other terms. */
export const RespondBody = z.strictObject({
  answers: z.array(
    z.discriminatedUnion('answer', [
      z.strictObject({
        lineId: LineId,
        answer: z.literal('accept'),
        schedule: z
          .array(ScheduleLineInput)
          .optional()
          .describe(
            'The promised delivery lines; only (and then required) for a line requested without a date.',
          ),
      }),
      z.strictObject({ lineId: LineId, answer: z.literal('reject'), reason: Text }),
      z.strictObject({
        lineId: LineId,
        answer: z.literal('propose'),
        note: OptionalText,
        substitute: ItemInput.nullish().describe(
          'Another item offered instead of the ordered one (Peppol item substitution); the buyer accepts or rejects it with the proposal.',
        ),
        ...termsPatchShape,
      }),
    ]),
  ),
});

/** The buyer accepts or rejects the seller's proposals. */
export const DecideBody = z.strictObject({
  decisions: z.array(
    z.strictObject({
      lineId: LineId,
      decision: z.enum(['accept', 'reject']),
      reason: OptionalText.describe('Required when rejecting.'),
    }),
  ),
});

/** The buyer adds, changes or cancels lines. */
export const ChangeBody = z.strictObject({
  add: z.array(NewLineInput).optional(),
  change: z
    .array(
      z.strictObject({ lineId: LineId, item: ItemInput.optional(), note: OptionalText, ...termsPatchShape }),
    )
    .optional(),
  cancel: z.array(z.strictObject({ lineId: LineId, reason: OptionalText })).optional(),
  reason: OptionalText,
});

/** The buyer cancels every line that can still be cancelled. */
export const CancelBody = z.strictObject({ reason: Text });

/** Either side reopens agreed lines. */
export const ReopenBody = z.strictObject({ lineIds: z.array(LineId), reason: Text });

/** The seller reports cumulative produced quantities per delivery line. */
export const ProductionBody = z.strictObject({
  lines: z.array(
    z.strictObject({
      lineId: LineId,
      deliveryLineId: z.string(),
      produced: DecimalInput.describe('Cumulative quantity produced so far.'),
    }),
  ),
});

/** The buyer records received and rejected quantities. */
export const ReceiptBody = z.strictObject({
  lines: z.array(
    z.strictObject({
      lineId: LineId,
      deliveryLineId: z.string(),
      received: DecimalInput.describe(
        'Quantity taken in with this receipt, not counting rejected goods: of a shipped 10 with 2 refused, ' +
          'send received 8 and rejected 2 (received 10 with rejected 2 is refused: 12 exceeds the 10 shipped). ' +
          'Adds to earlier receipts of the delivery line. Decimal, preferably as a string such as "8".',
      ),
      rejected: DecimalInput.optional().describe(
        'Quantity refused with this receipt (default 0; needs a reason). received + rejected must be above 0 ' +
          'and at most what is shipped and not yet received or rejected on the delivery line (422 otherwise).',
      ),
      reason: OptionalText.describe('Required when goods are rejected.'),
    }),
  ),
});

/** The seller's invoice; each line is matched against the agreed price and the received quantity. */
export const InvoiceBody = z.strictObject({
  number: z.string().max(50),
  issueDate: DateString,
  lines: z.array(z.strictObject({ lineId: LineId, quantity: DecimalInput, price: PriceInput })),
});

/** The buyer approves or disputes a mismatching invoice. */
export const InvoiceDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'dispute']),
  reason: Text,
});

/** Path of the invoice decision: the order id and the invoice id (or number). */
export const InvoiceParams = z.strictObject({
  id: z.guid(),
  invoiceId: z.string().min(1).max(100).describe('Invoice id or invoice number.'),
});
