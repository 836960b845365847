// Turns a seller's response (or order agreement) into answers on the order's lines. Header code AP
// accepts and RE rejects every line still waiting for the seller; AB only acknowledges (no answer); CA
// and SCSN responses answer line by line. A line accepted with other terms than requested becomes a
// proposal, because in Schakel's model only the buyer can agree to terms it did not ask for.
import { eq, sum } from '../domain/decimal.ts';
import { DomainError } from '../domain/errors.ts';
import { findLine } from '../domain/order-create.ts';
import type { LineAnswer } from '../domain/order-negotiation.ts';
import type { Order, OrderLine, Terms } from '../domain/order-types.ts';
import { hasUndatedLines, parsePrice, samePrice, type ScheduleInput } from '../domain/terms.ts';
import type { OrderResponseDocument, ResponseLine } from './document-model.ts';

const AWAITING_SELLER = new Set(['open', 'changed', 'reopened']);

export interface MappedResponse {
  /** The answers to give; empty for an acknowledgement. */
  answers: LineAnswer[];
  /** XPath of the document line behind each answer (the header for AP/RE). */
  paths: string[];
}

/** The schedule the response states for a line, or undefined when it states no dates or quantities. */
function offeredSchedule(
  line: OrderLine,
  r: ResponseLine,
  headerDate: string | null,
): ScheduleInput[] | undefined {
  const requested = line.requested.schedule;
  const quantity = r.quantity ?? undefined;
  if (r.deliveries.length > 1) {
    return r.deliveries.map((d, i) => {
      if (d.quantity === null) {
        throw new DomainError(
          'validation_failed',
          `${r.path}: a line with several deliveries needs the quantity of each delivery`,
          {
            field: r.path,
          },
        );
      }
      const date = d.date ?? headerDate ?? requested[i]?.date;
      if (!date) {
        throw new DomainError('validation_failed', `${r.path}: delivery ${i + 1} has no date`, {
          field: r.path,
        });
      }
      return { id: d.id ?? requested[i]?.id, date, quantity: d.quantity };
    });
  }
  const date = r.deliveries[0]?.date ?? headerDate;
  const deliveryQuantity = r.deliveries[0]?.quantity ?? quantity;
  if (!date && deliveryQuantity === undefined) return undefined;
  if (requested.length !== 1) {
    // A single promised date or quantity for a line with several delivery lines: only an unchanged total can keep them.
    if (deliveryQuantity === undefined || eq(deliveryQuantity, line.requested.quantity)) return undefined;
    throw new DomainError(
      'validation_failed',
      `${r.path}: line ${line.lineId} has ${requested.length} delivery lines; a changed quantity needs a cac:Delivery with quantity and date per delivery line`,
      { field: r.path },
    );
  }
  const only = requested[0]!;
  return [
    {
      id: r.deliveries[0]?.id ?? only.id,
      date: date ?? only.date,
      quantity: deliveryQuantity ?? line.requested.quantity,
    },
  ];
}

function sameTerms(a: Terms, schedule: ScheduleInput[], price: Terms['price']): boolean {
  return (
    samePrice(a.price, price) &&
    a.schedule.length === schedule.length &&
    a.schedule.every((s, i) => s.date === schedule[i]!.date && eq(s.quantity, String(schedule[i]!.quantity)))
  );
}

/** The answer a response line gives, or null when it only repeats what is already agreed. */
function answerLine(order: Order, doc: OrderResponseDocument, r: ResponseLine): LineAnswer | null {
  const line = findLine(order, r.lineId);
  if (r.unitCode && r.unitCode !== line.unitCode) {
    throw new DomainError(
      'validation_failed',
      `${r.path}: the quantity of line ${r.lineId} is in ${r.unitCode}, the order line in ${line.unitCode}`,
      { field: r.path },
    );
  }
  if (r.status === 'rejected') {
    // A response that repeats a refusal in force gives no new answer (a response states every answered
    // line, so the seller's next response repeats this one's refusals).
    if (line.state === 'rejected') return null;
    return {
      lineId: r.lineId,
      answer: 'reject',
      reason:
        r.note ?? doc.note ?? `not accepted by ${doc.documentType} ${doc.documentId} (line status ${r.code})`,
    };
  }
  // Peppol's code 5 is "accepted without amendment": the request stands, whatever else the line repeats.
  // A line ordered without a delivery date has nothing to accept "without amendment": the promised date is the answer.
  const undated = hasUndatedLines(line.requested);
  const plainAccept =
    !undated && r.status === 'accepted' && doc.profile === 'peppol' && doc.documentType !== 'OrderAgreement';
  const price = r.price ? parsePrice(r.price, r.path) : line.requested.price;
  const schedule = plainAccept
    ? line.requested.schedule
    : (offeredSchedule(line, r, doc.promisedDate) ?? line.requested.schedule);
  if (undated && schedule.some((s) => !s.date)) {
    throw new DomainError(
      'validation_failed',
      `${r.path}: line ${r.lineId} was ordered without a delivery date: the response must promise one (cac:Delivery/cac:PromisedDeliveryPeriod)`,
      { field: r.path },
    );
  }
  // Another item is always a proposal: only the buyer can agree to an item it did not order.
  const substitute = r.substitute ?? undefined;
  const same = !substitute && (plainAccept || sameTerms(line.requested, schedule, price));
  // A response (or agreement) that repeats an agreement in force gives no new answer.
  if (same && line.state === 'agreed' && r.status === 'accepted') return null;
  if (same) return { lineId: r.lineId, answer: 'accept' };
  // The stated quantity and price with a promised date accept a line ordered without a date.
  if (
    undated &&
    !substitute &&
    r.status !== 'changed' &&
    samePrice(line.requested.price, price) &&
    eq(sum(schedule.map((s) => String(s.quantity))), line.requested.quantity)
  )
    return { lineId: r.lineId, answer: 'accept', schedule };
  // Likewise a proposal the line already carries, as it is.
  const note = r.note ?? doc.note;
  if (
    line.state === 'proposed' &&
    line.proposal &&
    sameTerms(line.proposal.terms, schedule, price) &&
    (line.proposal.note ?? null) === (note ?? null) &&
    JSON.stringify(line.proposal.substitute ?? null) === JSON.stringify(substitute ?? null)
  )
    return null;
  return {
    lineId: r.lineId,
    answer: 'propose',
    price: r.price ?? undefined,
    schedule,
    note,
    ...(substitute ? { substitute } : {}),
  };
}

/** For a line ordered without a date, the header's promised date as the accepted schedule. */
function promisedFor(line: OrderLine, date: string | null): { schedule?: ScheduleInput[] } {
  if (!date || !hasUndatedLines(line.requested)) return {};
  return {
    schedule: line.requested.schedule.map((s) => ({ id: s.id, date: s.date ?? date, quantity: s.quantity })),
  };
}

/** The answers a response gives on `order` (the seller's copy). */
export function mapOrderResponse(order: Order, doc: OrderResponseDocument): MappedResponse {
  const header = '/OrderResponse/cbc:OrderResponseCode';
  if (doc.lines.length === 0) {
    if (doc.responseCode === 'AB' || doc.responseCode === null) return { answers: [], paths: [] };
    const awaiting = order.lines.filter((l) => AWAITING_SELLER.has(l.state));
    if (awaiting.length === 0) {
      throw new DomainError(
        'transition_not_allowed',
        `order ${order.number} has no lines waiting for the seller's answer; ${doc.documentType} ${doc.documentId} (${doc.responseCode}) changes nothing`,
        { state: 'answered', allowedActions: [] },
      );
    }
    const reason = doc.note ?? `rejected by ${doc.documentType} ${doc.documentId}`;
    return {
      answers: awaiting.map((l): LineAnswer =>
        doc.responseCode === 'AP'
          ? { lineId: l.lineId, answer: 'accept', ...promisedFor(l, doc.promisedDate) }
          : { lineId: l.lineId, answer: 'reject', reason },
      ),
      paths: awaiting.map(() => header),
    };
  }
  const answered = doc.lines.flatMap((r) => {
    const answer = answerLine(order, doc, r);
    return answer ? [{ answer, path: r.path }] : [];
  });
  return { answers: answered.map((a) => a.answer), paths: answered.map((a) => a.path) };
}
