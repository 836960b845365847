// Writes the seller's answers on an order as an OrderResponse (Peppol T76, the advanced T116, SCSN, plain
// UBL) or its agreed lines as an OrderAgreement (T110). Agreed lines are accepted (UNCL 1229 code 5,
// SCSN "accepted"), rejected lines not accepted (7, "rejected"), open proposals changed (3, "revised")
// with the proposed terms. Peppol: all accepted → AP without lines, all rejected for one reason → RE;
// anything else → CA with the answered lines. Lines the seller has not answered yet are left out.
import { DomainError } from '../domain/errors.ts';
import { hasUndatedLines } from '../domain/terms.ts';
import type { OrderLine, Terms } from '../domain/order-types.ts';
import type { ExportContext } from './export-context.ts';
import type { OrderExportType } from './ubl-vocabulary.ts';
import {
  itemElement,
  lineAmount,
  partyElement,
  priceElement,
  rootElement,
  specificationIds,
  sumMoney,
} from './ubl-writing.ts';
import { el, leaf, serializeXml, type XmlNode } from './xml-writer.ts';

type ResponseType = Extract<OrderExportType, 'OrderResponse' | 'OrderResponseAdvanced' | 'OrderAgreement'>;

interface Answer {
  line: OrderLine;
  status: 'accepted' | 'rejected' | 'revised';
  terms: Terms | null;
}

const PEPPOL_CODE = { accepted: '5', rejected: '7', revised: '3' } as const;

function answersOf(ctx: ExportContext): Answer[] {
  return ctx.order.lines.flatMap((line): Answer[] => {
    if (line.state === 'agreed') return [{ line, status: 'accepted', terms: line.agreed }];
    if (line.state === 'rejected') return [{ line, status: 'rejected', terms: null }];
    if (line.state === 'proposed' && line.proposal)
      return [{ line, status: 'revised', terms: line.proposal.terms }];
    return [];
  });
}

/** An accepted line that was ordered without a delivery date: the response must promise the date. */
const needsPromise = (a: Answer): boolean => a.status === 'accepted' && hasUndatedLines(a.line.requested);

/** Promised deliveries: one cac:Delivery per delivery line in SCSN; Peppol carries one period per line. */
function promisedDeliveries(line: OrderLine, terms: Terms, scsn: boolean, startDate: boolean): XmlNode[] {
  if (scsn) {
    return terms.schedule.map((s) =>
      el(
        'cac:Delivery',
        {},
        el('cbc:ID', {}, s.id),
        el('cbc:Quantity', { unitCode: line.unitCode }, s.quantity),
        el('cac:PromisedDeliveryPeriod', {}, el('cbc:EndDate', {}, s.date)),
      ),
    );
  }
  const dates = terms.schedule.map((s) => s.date).sort();
  const start = dates[0]!;
  const end = dates.at(-1)!;
  return [
    el(
      'cac:Delivery',
      {},
      el(
        'cac:PromisedDeliveryPeriod',
        {},
        (startDate || start !== end) && el('cbc:StartDate', {}, start),
        el('cbc:EndDate', {}, end),
      ),
    ),
  ];
}

function responseLine(ctx: ExportContext, a: Answer, type: ResponseType): XmlNode {
  const scsn = ctx.profile === 'scsn';
  const agreement = type === 'OrderAgreement';
  const { line, terms } = a;
  // A line ordered without a date is accepted with the promised date, so its terms are stated.
  const showTerms = terms && (a.status === 'revised' || scsn || agreement || needsPromise(a));
  return el(
    'cac:OrderLine',
    {},
    el(
      'cac:LineItem',
      {},
      el('cbc:ID', {}, line.lineId),
      leaf(
        'cbc:Note',
        a.status === 'rejected' ? line.reason : a.status === 'revised' ? line.proposal?.note : null,
      ),
      !agreement && el('cbc:LineStatusCode', {}, scsn ? a.status : PEPPOL_CODE[a.status]),
      showTerms && el('cbc:Quantity', { unitCode: line.unitCode }, terms.quantity),
      showTerms &&
        agreement &&
        el(
          'cbc:LineExtensionAmount',
          { currencyID: ctx.order.currency },
          lineAmount(terms.quantity, terms.price),
        ),
      showTerms && promisedDeliveries(line, terms, scsn, agreement),
      showTerms && priceElement(terms.price, ctx.order.currency, line.unitCode),
      itemElement(line.item, ctx.profile, { description: agreement }),
    ),
    a.status === 'revised' && substituteElement(ctx, line),
    // An order agreement's lines are the order's lines (T110 has no separate line reference).
    !agreement && el('cac:OrderLineReference', {}, el('cbc:LineID', {}, line.lineId)),
  );
}

/**
 * The substitute an open proposal offers (cac:SellerSubstitutedLineItem, after cac:LineItem). Its cbc:ID is
 * the order line's: the seller's own line number for the substitute is not kept. Peppol allows only the
 * name and the seller's and standard item numbers there, so no description or buyer's item number.
 */
function substituteElement(ctx: ExportContext, line: OrderLine): XmlNode | null {
  const substitute = line.proposal?.substitute;
  if (!substitute) return null;
  return el(
    'cac:SellerSubstitutedLineItem',
    {},
    el('cbc:ID', {}, line.lineId),
    itemElement(substitute, ctx.profile, { description: false, buyersId: false }),
  );
}

/** Peppol header code and the lines that go with it (AP, RE and AB carry no lines). */
function peppolCode(
  answers: Answer[],
  openLines: number,
): { code: string; lines: Answer[]; note: string | null } {
  if (openLines === 0 && answers.every((a) => a.status === 'accepted' && !needsPromise(a)))
    return { code: 'AP', lines: [], note: null };
  const reasons = new Set(answers.map((a) => a.line.reason));
  if (openLines === 0 && answers.every((a) => a.status === 'rejected') && reasons.size === 1) {
    return { code: 'RE', lines: [], note: answers[0]!.line.reason };
  }
  return { code: 'CA', lines: answers, note: null };
}

export function writeOrderResponse(ctx: ExportContext, type: ResponseType): string {
  const { order, profile } = ctx;
  const all = answersOf(ctx);
  const answers = type === 'OrderAgreement' ? all.filter((a) => a.status === 'accepted') : all;
  if (answers.length === 0) {
    throw new DomainError(
      'transition_not_allowed',
      type === 'OrderAgreement'
        ? `order ${order.number} has no agreed lines to state in an order agreement`
        : `the seller has not answered any line of order ${order.number} yet`,
      { state: 'unanswered', allowedActions: [] },
    );
  }
  const open = order.lines.filter((l) => ['open', 'changed', 'reopened'].includes(l.state)).length;
  const peppol = profile !== 'scsn' && type !== 'OrderAgreement';
  const header = peppol ? peppolCode(answers, open) : { code: null, lines: answers, note: null };
  const amounts =
    type === 'OrderAgreement' ? answers.map((a) => lineAmount(a.terms!.quantity, a.terms!.price)) : [];
  const total = sumMoney(amounts);
  const partyParts =
    type === 'OrderAgreement'
      ? (['EndpointID', 'PartyIdentification', 'PostalAddress', 'PartyLegalEntity'] as const)
      : (['EndpointID', 'PartyIdentification', 'PartyLegalEntity'] as const);
  const suffix = type === 'OrderAgreement' ? 'OA' : 'OR';
  const doc = rootElement(
    type,
    specificationIds(type, profile),
    el('cbc:ID', {}, `${order.number}-${suffix}-${order.version}`),
    el('cbc:IssueDate', {}, ctx.today),
    header.code ? el('cbc:OrderResponseCode', {}, header.code) : null,
    leaf('cbc:Note', header.note),
    el('cbc:DocumentCurrencyCode', {}, order.currency),
    el('cac:OrderReference', {}, el('cbc:ID', {}, order.number)),
    el('cac:SellerSupplierParty', {}, partyElement(ctx.seller, partyParts)),
    el('cac:BuyerCustomerParty', {}, partyElement(ctx.buyer, partyParts)),
    type === 'OrderAgreement' &&
      el(
        'cac:LegalMonetaryTotal',
        {},
        el('cbc:LineExtensionAmount', { currencyID: order.currency }, total),
        el('cbc:TaxExclusiveAmount', { currencyID: order.currency }, total),
        el('cbc:TaxInclusiveAmount', { currencyID: order.currency }, total),
        el('cbc:PayableAmount', { currencyID: order.currency }, total),
      ),
    header.lines.map((a) => responseLine(ctx, a, type)),
  );
  return serializeXml(doc);
}
