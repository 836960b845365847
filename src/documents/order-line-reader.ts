// Reads one UBL LineItem (Order, OrderChange) into a new-line input of the order model: item,
// quantity and unit, price per base quantity, and the delivery schedule (one cac:Delivery per
// delivery line in SCSN; one requested period in Peppol).
import type { NewLineInput } from '../domain/order-create.ts';
import type { ScheduleInput } from '../domain/terms.ts';
import type { DocumentReading } from './ubl-reading.ts';
import {
  dateAt,
  decimalAt,
  joinedText,
  optionalText,
  quantityAt,
  required,
  standardItemIdAt,
} from './ubl-reading.ts';
import { children, first, type XmlElement } from './xml-tree.ts';

/** The requested (or promised) date of a delivery period: its end date, else its start date. */
export function periodDate(r: DocumentReading, period: XmlElement | undefined): string | undefined {
  if (!period) return undefined;
  return dateAt(r, period, 'cbc:EndDate') ?? dateAt(r, period, 'cbc:StartDate');
}

/** The delivery schedule of a line item; `fallbackDate` is the header's requested date. */
function readSchedule(
  r: DocumentReading,
  item: XmlElement,
  quantity: string | undefined,
  fallbackDate: string | undefined,
  periodStep: string,
): ScheduleInput[] | undefined {
  const deliveries = children(item, 'cac:Delivery');
  if (deliveries.length <= 1) {
    // No period on the line nor for the order (Peppol allows that, e.g. a consignment order): the line is
    // requested without a date, and the seller's answer promises one.
    const date = periodDate(r, first(deliveries[0] ?? item, periodStep)) ?? fallbackDate ?? null;
    const id = deliveries[0] ? optionalText(deliveries[0], 'cbc:ID') : null;
    return quantity === undefined ? undefined : [{ ...(id ? { id } : {}), date, quantity }];
  }
  // Several deliveries: a schedule, each delivery line with its own quantity and date (SCSN).
  const schedule: ScheduleInput[] = [];
  for (const d of deliveries) {
    const date = periodDate(r, first(d, periodStep)) ?? fallbackDate;
    const q = decimalAt(
      r,
      d,
      'cbc:Quantity',
      'a line with several deliveries needs the quantity of each delivery',
    );
    if (!date) r.missing(d, periodStep, 'every delivery of a line needs a date');
    if (date && q !== undefined)
      schedule.push({ id: optionalText(d, 'cbc:ID') ?? undefined, date, quantity: q });
  }
  return schedule.length === deliveries.length ? schedule : undefined;
}

/**
 * Reads a LineItem into a new-line input, or undefined when something essential is missing (the
 * problems are recorded). `note` is the order line's note (cac:OrderLine/cbc:Note).
 */
export function readLineItem(
  r: DocumentReading,
  item: XmlElement,
  options: { fallbackDate: string | undefined; note: string | null; periodStep?: string },
): NewLineInput | undefined {
  const lineId = required(r, item, 'cbc:ID', 'Schakel identifies every line by its line number');
  const qty = quantityAt(r, item, 'cbc:Quantity', 'Schakel needs the ordered quantity of every line');
  if (qty && !qty.unitCode)
    r.missing(qty.el, '@unitCode', 'Schakel needs the unit of every quantity (UN/ECE Rec 20, e.g. C62)');
  const amount = decimalAt(r, item, 'cac:Price/cbc:PriceAmount', 'Schakel needs a price for every line');
  const baseQuantity = decimalAt(r, item, 'cac:Price/cbc:BaseQuantity');
  const name = optionalText(item, 'cac:Item/cbc:Name') ?? optionalText(item, 'cac:Item/cbc:Description');
  if (!name) r.missing(item, 'cac:Item/cbc:Name', 'Schakel needs a name (or description) of every item');
  const schedule = readSchedule(
    r,
    item,
    qty?.value,
    options.fallbackDate,
    options.periodStep ?? 'cac:RequestedDeliveryPeriod',
  );
  if (!lineId || !qty?.unitCode || amount === undefined || !name || !schedule) return undefined;
  const description = optionalText(item, 'cac:Item/cbc:Description');
  const notes = [options.note, joinedText(item, 'cbc:Note')].filter(Boolean).join('\n');
  return {
    lineId,
    item: {
      name,
      description: description && description !== name ? description : null,
      buyerItemId: optionalText(item, 'cac:Item/cac:BuyersItemIdentification/cbc:ID'),
      sellerItemId: optionalText(item, 'cac:Item/cac:SellersItemIdentification/cbc:ID'),
      standardItemId: standardItemIdAt(first(item, 'cac:Item')),
    },
    unitCode: qty.unitCode,
    quantity: qty.value,
    price: { amount, ...(baseQuantity !== undefined ? { baseQuantity } : {}) },
    schedule,
    note: notes || null,
  };
}
