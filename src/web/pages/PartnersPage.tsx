// The companies this company can order from or sell to, with their identifiers and how the documents
// sent to them over the network fared.
import { useTranslation } from 'react-i18next';
import { api } from '../http/client.ts';
import type { Items, Partner } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate } from '../lib/format.ts';
import { problemText } from '../lib/problems.ts';
import { useLoad, useReadyMark } from '../lib/use-load.ts';
import { Link } from '../router.tsx';
import { mayBuy, useMe } from '../session.ts';
import { IdentifierList } from './SettingsPage.tsx';

export function PartnersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const partners = useLoad((signal) => api<Items<Partner>>('/partners', { signal }), []);
  useReadyMark('partners', partners.data !== undefined);
  return (
    <div className="page">
      <PageTitle title={t('partners.title')} />
      <p className="lead">{t('partners.intro')}</p>
      {partners.error ? <Alert>{problemText(t, partners.error)}</Alert> : null}
      {partners.data === undefined && !partners.error ? <p role="status">{t('common.loading')}</p> : null}
      {partners.data?.items.length === 0 ? <p className="empty">{t('partners.none')}</p> : null}
      {partners.data && partners.data.items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="page-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('partners.name')}</th>
                <th scope="col">{t('partners.place')}</th>
                <th scope="col">{t('partners.identifiers')}</th>
                <th scope="col">{t('partners.delivery')}</th>
                <th scope="col">{t('partners.orders')}</th>
              </tr>
            </thead>
            <tbody>
              {partners.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{[p.city, p.country].filter(Boolean).join(', ')}</td>
                  <td>
                    <IdentifierList company={p} />
                    {p.remote ? <RemoteNode remote={p.remote} /> : null}
                  </td>
                  <td>
                    <DeliveryStatus delivery={p.delivery} />
                  </td>
                  <td className="link-stack">
                    <Link to={`/orders/purchase?partner=${p.id}`}>
                      {t('partners.purchaseOrders')}
                      <span className="sr-only"> {t('partners.with', { name: p.name })}</span>
                    </Link>
                    <Link to={`/orders/sales?partner=${p.id}`}>
                      {t('partners.salesOrders')}
                      <span className="sr-only"> {t('partners.with', { name: p.name })}</span>
                    </Link>
                    {mayBuy(me.role) ? (
                      <Link to={`/orders/new?partner=${p.id}`}>
                        {t('partners.newOrder')}
                        <span className="sr-only"> {t('partners.at', { name: p.name })}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** Where a partner on another node lives and the key this node pinned for it (compare it with the partner). */
function RemoteNode({ remote }: { remote: NonNullable<Partner['remote']> }) {
  const { t } = useTranslation();
  return (
    <span className="delivery-status">
      <span>{t('partners.remoteNode', { url: remote.endpointUrl })}</span>
      {remote.fingerprints[0] ? (
        <span className="muted">{t('partners.remoteKey', { fingerprint: remote.fingerprints[0] })}</span>
      ) : null}
    </span>
  );
}

/** Delivered / on the way / not delivered counts; the undelivered ones are resent from the task list. */
function DeliveryStatus({ delivery }: { delivery: Partner['delivery'] }) {
  const { t } = useTranslation();
  if (delivery.delivered + delivery.pending + delivery.dead === 0) {
    return <span className="muted">{t('partners.deliveryNone')}</span>;
  }
  return (
    <span className="delivery-status">
      <span>{t('partners.delivered', { count: delivery.delivered })}</span>
      {delivery.pending > 0 ? <span>{t('partners.pending', { count: delivery.pending })}</span> : null}
      {delivery.dead > 0 ? (
        <Link to="/" className="delivery-dead">
          {t('partners.dead', { count: delivery.dead })}
        </Link>
      ) : null}
      {delivery.lastDeliveredAt ? (
        <span className="muted">
          {t('partners.lastDelivery', { date: formatDate(delivery.lastDeliveredAt) })}
        </span>
      ) : null}
    </span>
  );
}
