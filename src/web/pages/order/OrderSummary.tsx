// The order's header facts: the partner, the order date, the value of the lines still in force, the
// number of lines, and the delivery address and note when the order has them.
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../http/types.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';

/** The summary list at the top of the order page; `value` is the order's value (lines in force). */
export function OrderSummary({ order: view, value }: { order: OrderView; value: number }) {
  const { t } = useTranslation();
  const isBuyer = view.role === 'buyer';
  const partner = isBuyer ? view.seller : view.buyer;
  return (
    <dl className="summary">
      <div>
        <dt>{isBuyer ? t('order.supplier') : t('order.customer')}</dt>
        <dd>
          {partner.name}
          <span className="muted identifier"> {partner.identifier}</span>
        </dd>
      </div>
      <div>
        <dt>{t('order.issueDate')}</dt>
        <dd>{formatDate(view.issueDate)}</dd>
      </div>
      <div>
        <dt>{t('order.value')}</dt>
        <dd>{formatMoney(value.toFixed(2), view.currency)}</dd>
      </div>
      <div>
        <dt>{t('order.lines')}</dt>
        <dd>{view.lines.length}</dd>
      </div>
      {view.deliveryLocation ? (
        <div className="summary-wide">
          <dt>{t('order.deliveryLocation')}</dt>
          <dd>{[view.deliveryLocation.name, view.deliveryLocation.address].filter(Boolean).join(', ')}</dd>
        </div>
      ) : null}
      {view.note ? (
        <div className="summary-wide">
          <dt>{t('order.note')}</dt>
          <dd>{view.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}
