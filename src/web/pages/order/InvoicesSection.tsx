// The seller's invoices on this order, each line checked against the agreed price and the received
// quantity; the buyer approves or disputes an invoice that does not match.
import { useTranslation } from 'react-i18next';
import type { Invoice, OrderView } from '../../http/types.ts';
import { Badge, InvoiceStatusBadge } from '../../components/Badge.tsx';
import { formatDate, formatMoney, formatPrice, formatQuantity } from '../../lib/format.ts';

export function InvoicesSection({
  order,
  canDecide,
  onDecide,
}: {
  order: OrderView;
  canDecide: boolean;
  onDecide: (invoice: Invoice, decision: 'approve' | 'dispute') => void;
}) {
  const { t } = useTranslation();
  if (order.invoices.length === 0) return null;
  type Line = Invoice['lines'][number];
  // A line that matched no order line keeps the unit the invoice stated.
  const unitOf = (l: Line): string =>
    order.lines.find((o) => o.lineId === l.lineId)?.unitCode ?? l.item?.unitCode ?? 'C62';
  const itemOf = (l: Line): string | null =>
    l.item
      ? (l.item.sellerItemId ?? l.item.standardItemId?.value ?? l.item.buyerItemId ?? l.item.name)
      : null;
  return (
    <section className="card" aria-labelledby="invoices-title" id="invoices">
      <h2 id="invoices-title">{t('invoices.title')}</h2>
      {order.invoices.map((inv) => (
        <article
          key={inv.id}
          className="invoice"
          id={`invoice-${inv.id}`}
          tabIndex={-1}
          aria-labelledby={`invoice-${inv.id}-title`}
        >
          <div className="invoice-head">
            <h3 id={`invoice-${inv.id}-title`}>{t('invoices.invoice', { number: inv.number })}</h3>
            <InvoiceStatusBadge status={inv.status} />
            <span className="muted">{formatDate(inv.issueDate)}</span>
            <span className="invoice-total">
              {t('invoices.total', { total: formatMoney(inv.total, order.currency) })}
            </span>
          </div>
          <p className="invoice-explain">{t(`invoices.explain.${inv.status}`)}</p>
          {inv.decisionReason ? (
            <p className="reason">
              {t('invoices.decisionReason')} <q>{inv.decisionReason}</q>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="table table-compact">
              <caption className="sr-only">{t('invoices.linesCaption', { number: inv.number })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('logistics.line')}</th>
                  <th scope="col" className="num">
                    {t('invoices.quantity')}
                  </th>
                  <th scope="col">{t('invoices.price')}</th>
                  <th scope="col" className="num">
                    {t('invoices.amount')}
                  </th>
                  <th scope="col">{t('invoices.check')}</th>
                </tr>
              </thead>
              <tbody>
                {inv.lines.map((l, i) => (
                  <tr key={i}>
                    <th scope="row">
                      {l.lineId ?? t('invoices.noLine')}
                      {itemOf(l) ? (
                        <span className="muted">
                          {' '}
                          {t('invoices.itemLabel', { item: itemOf(l) })}
                          {l.matchedBy ? ` (${t(`invoices.matchedBy.${l.matchedBy}`)})` : null}
                        </span>
                      ) : null}
                    </th>
                    <td className="num">{formatQuantity(l.quantity, unitOf(l))}</td>
                    <td>{formatPrice(l.price, order.currency, unitOf(l))}</td>
                    <td className="num">{formatMoney(l.amount, order.currency)}</td>
                    <td>
                      {l.match === 'matched' ? (
                        <Badge tone="good">{t('invoices.matched')}</Badge>
                      ) : (
                        <>
                          <Badge tone="bad">{t('invoices.mismatch')}</Badge>
                          <ul className="reasons">
                            {l.reasons.map((r) => (
                              <li key={r}>
                                {t(`invoices.reason.${r}`, { lines: (l.candidates ?? []).join(', ') })}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canDecide && inv.status === 'mismatch' ? (
            <div className="button-row">
              <button type="button" className="button-primary" onClick={() => onDecide(inv, 'approve')}>
                {t('invoices.approve')}
                <span className="sr-only"> {inv.number}</span>
              </button>
              <button type="button" className="button-danger" onClick={() => onDecide(inv, 'dispute')}>
                {t('invoices.dispute')}
                <span className="sr-only"> {inv.number}</span>
              </button>
            </div>
          ) : null}
        </article>
      ))}
    </section>
  );
}
