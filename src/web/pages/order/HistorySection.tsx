// The order's history: who did what, when and why, newest first.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderEvent, OrderView, Terms } from '../../http/types.ts';
import { formatDate, formatDateTime, formatMoney, formatPrice, formatQuantity } from '../../lib/format.ts';

const FIRST = 30;

/** "6 st à € 1.840,00 per stuk: 4 st op 6 dec 2026, 2 st op 13 dec 2026". */
function termsText(t: TFunction, terms: unknown, unitCode: string, currency: string): string {
  const tm = terms as Terms | undefined;
  if (!tm?.schedule) return '';
  return t('history.terms', {
    quantity: formatQuantity(tm.quantity, unitCode),
    price: formatPrice(tm.price, currency, unitCode),
    deliveries: tm.schedule
      .map((s) =>
        t('history.delivery', {
          quantity: formatQuantity(s.quantity, unitCode),
          date: s.date ? formatDate(s.date) : t('schedule.noDate'),
        }),
      )
      .join(', '),
  });
}

/** One sentence for an event, in the user's language. */
export function eventText(t: TFunction, e: OrderEvent, order: OrderView): string {
  const d = e.data;
  const unit = order.lines.find((l) => l.lineId === e.lineId)?.unitCode ?? 'C62';
  const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const line = e.lineId ?? '';
  switch (e.type) {
    case 'order.issued':
      return t('history.event.order_issued', { count: Number(d.lines ?? 0) });
    case 'line.proposed':
      return t('history.event.line_proposed', {
        line,
        terms: termsText(t, d.proposal, unit, order.currency),
      });
    case 'proposal.accepted':
      return t('history.event.proposal_accepted', {
        line,
        terms: termsText(t, d.agreed, unit, order.currency),
      });
    case 'line.changed':
      return t('history.event.line_changed', { line, terms: termsText(t, d.after, unit, order.currency) });
    case 'production.reported':
      return t('history.event.production_reported', {
        line,
        delivery: str(d.deliveryLineId),
        quantity: formatQuantity(str(d.after) || '0', unit),
      });
    case 'goods.shipped':
      return t('history.event.goods_shipped', {
        line,
        delivery: str(d.deliveryLineId),
        quantity: formatQuantity(str(d.quantity) || '0', unit),
        despatch: str(d.despatchNumber),
      });
    case 'goods.received':
      return t(
        Number(d.rejected ?? 0) > 0
          ? 'history.event.goods_received_rejected'
          : 'history.event.goods_received',
        {
          line,
          delivery: str(d.deliveryLineId),
          received: formatQuantity(str(d.received) || '0', unit),
          rejected: formatQuantity(str(d.rejected) || '0', unit),
        },
      );
    case 'invoice.received':
      return t('history.event.invoice_received', {
        number: str(d.number),
        total: formatMoney(str(d.total) || '0', order.currency),
        status: t(`invoiceStatus.${d.status === 'mismatch' ? 'mismatch' : 'matched'}`),
      });
    case 'invoice.approved':
    case 'invoice.disputed':
      return t(`history.event.${e.type === 'invoice.approved' ? 'invoice_approved' : 'invoice_disputed'}`, {
        number: str(d.number),
      });
    default:
      return t(`history.event.${e.type.replace('.', '_') as 'line_accepted'}`, { line });
  }
}

export function HistorySection({ order, events }: { order: OrderView; events: OrderEvent[] | undefined }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const newestFirst = [...(events ?? [])].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, FIRST);
  return (
    <section className="card" aria-labelledby="history-title" id="history">
      <h2 id="history-title">{t('history.title')}</h2>
      {events === undefined ? <p role="status">{t('common.loading')}</p> : null}
      <ol className="timeline">
        {shown.map((e) => (
          <li
            key={e.id}
            className={`timeline-item${e.actor.companyId === order.companyId ? ' own' : ' partner'}`}
          >
            <div className="timeline-when">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </div>
            <div className="timeline-what">
              <p className="timeline-text">{eventText(t, e, order)}</p>
              <p className="timeline-who">
                {/* A partner's step arrives as its company's document: the company is the actor. */}
                {e.actor.name === e.actor.companyName
                  ? e.actor.companyName
                  : t('history.by', { name: e.actor.name, company: e.actor.companyName })}
              </p>
              {e.reason ? (
                <p className="reason">
                  <q>{e.reason}</q>
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {!all && newestFirst.length > FIRST ? (
        <button type="button" className="button-secondary" onClick={() => setAll(true)}>
          {t('history.showAll', { count: newestFirst.length })}
        </button>
      ) : null}
    </section>
  );
}
