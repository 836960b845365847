// Purchase orders (the company buys) and sales orders (it sells): search, filters and counts per status.
// The filters live in the URL, so a filtered list can be bookmarked, shared and returned to.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../http/client.ts';
import { useOrderChanges } from '../http/live.tsx';
import { ORDER_STATUSES } from '../../domain/order-status.ts';
import type { Company, Items, OrderList, OrderSummary } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { LateBadge, OrderStatusBadge } from '../components/Badge.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { useAnnounce } from '../components/Announcer.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate } from '../lib/format.ts';
import { problemText } from '../lib/problems.ts';
import { useLoad, useReadyMark } from '../lib/use-load.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { mayBuy, useMe } from '../session.ts';

// In lifecycle order, as the domain lists them.
const STATUSES = ORDER_STATUSES;

interface Filters {
  q: string;
  status: string;
  partner: string;
  from: string;
  to: string;
  late: boolean;
}

const filtersOf = (search: URLSearchParams): Filters => ({
  q: search.get('q') ?? '',
  status: search.get('status') ?? '',
  partner: search.get('partner') ?? '',
  from: search.get('from') ?? '',
  to: search.get('to') ?? '',
  late: search.get('late') === 'true',
});

export function OrderListPage({ role }: { role: 'buyer' | 'seller' }) {
  const { t } = useTranslation();
  const me = useMe();
  const announce = useAnnounce();
  const location = useLocation();
  const filters = filtersOf(location.search);
  const base = role === 'buyer' ? '/orders/purchase' : '/orders/sales';
  const [search, setSearch] = useState(filters.q);
  const [more, setMore] = useState<{ items: OrderSummary[]; cursor: string | null } | null>(null);

  const setFilters = (patch: Partial<Filters>): void => {
    const next = { ...filters, ...patch };
    navigate(`${base}${query({ ...next, late: next.late ? 'true' : undefined })}`, { replace: true });
  };

  // The search box follows the URL (back button), and typing searches after a short pause.
  useEffect(() => setSearch(filters.q), [filters.q]);
  useEffect(() => {
    if (search === filters.q) return;
    const timer = setTimeout(() => setFilters({ q: search }), 350);
    return () => clearTimeout(timer);
  });

  const partners = useLoad((signal) => api<Items<Company>>('/partners', { signal }), []);
  const list = useLoad(
    (signal) =>
      api<OrderList>(
        `/orders${query({
          role,
          q: filters.q.trim(),
          status: filters.status,
          partner: filters.partner,
          from: filters.from,
          to: filters.to,
          late: filters.late ? 'true' : undefined,
          limit: 50,
        })}`,
        { signal },
      ),
    [role, location.search],
  );
  useEffect(() => setMore(null), [location.search]);
  useOrderChanges(
    () => true,
    () => {
      setMore(null);
      void list.reload();
    },
  );
  useReadyMark(`orders-${role}`, list.data !== undefined);

  const items = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.cursor : (list.data?.nextCursor ?? null);
  const counts = list.data?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filtered = Boolean(
    filters.q || filters.status || filters.partner || filters.from || filters.to || filters.late,
  );

  const resultText = list.data
    ? list.data.nextCursor
      ? t('orders.foundFirst', { count: list.data.items.length })
      : t('orders.found', { count: list.data.items.length })
    : '';
  useEffect(() => {
    if (resultText) announce(resultText);
    // Announce when a new result arrives, not on every render.
  }, [list.data]);

  const loadMore = async (): Promise<void> => {
    if (!nextCursor) return;
    const page = await api<OrderList>(
      `/orders${query({
        role,
        q: filters.q.trim(),
        status: filters.status,
        partner: filters.partner,
        from: filters.from,
        to: filters.to,
        late: filters.late ? 'true' : undefined,
        limit: 50,
        cursor: nextCursor,
      })}`,
    );
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  };

  const title = role === 'buyer' ? t('orders.purchaseTitle') : t('orders.salesTitle');
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={title} />
        {role === 'buyer' && mayBuy(me.role) ? (
          <Link to="/orders/new" className="button button-primary">
            {t('orders.new')}
          </Link>
        ) : null}
      </div>

      <div className="status-filter" role="group" aria-label={t('orders.filterStatus')}>
        <button
          type="button"
          className="chip"
          aria-pressed={!filters.status}
          onClick={() => setFilters({ status: '' })}
        >
          {t('orders.all')} <span className="chip-count">{total}</span>
        </button>
        {STATUSES.filter((s) => (counts[s] ?? 0) > 0 || filters.status === s).map((s) => (
          <button
            key={s}
            type="button"
            className="chip"
            aria-pressed={filters.status === s}
            onClick={() => setFilters({ status: filters.status === s ? '' : s })}
          >
            {t(`orderStatus.${s}`)} <span className="chip-count">{counts[s] ?? 0}</span>
          </button>
        ))}
      </div>

      <form
        className="filters"
        role="search"
        aria-label={t('orders.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ q: search });
        }}
      >
        <TextField
          name="q"
          type="search"
          label={t('orders.search')}
          hint={t('orders.searchHint')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="filter-search"
        />
        <SelectField
          name="partner"
          label={role === 'buyer' ? t('orders.supplier') : t('orders.customer')}
          value={filters.partner}
          onChange={(e) => setFilters({ partner: e.target.value })}
        >
          <option value="">{t('orders.allPartners')}</option>
          {(partners.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          name="from"
          type="date"
          label={t('orders.from')}
          value={filters.from}
          onChange={(e) => setFilters({ from: e.target.value })}
        />
        <TextField
          name="to"
          type="date"
          label={t('orders.to')}
          value={filters.to}
          onChange={(e) => setFilters({ to: e.target.value })}
        />
        <div className="field field-checkbox">
          <input
            id="f-late"
            type="checkbox"
            checked={filters.late}
            onChange={(e) => setFilters({ late: e.target.checked })}
          />
          <label htmlFor="f-late">{t('orders.lateOnly')}</label>
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button-secondary">
            {t('orders.searchButton')}
          </button>
          {filtered ? (
            <button
              type="button"
              className="button-plain"
              onClick={() => {
                setSearch('');
                navigate(base, { replace: true });
              }}
            >
              {t('orders.clearFilters')}
            </button>
          ) : null}
        </div>
      </form>

      {list.error ? <Alert>{problemText(t, list.error)}</Alert> : null}
      {list.data === undefined && !list.error ? <p role="status">{t('common.loading')}</p> : null}
      {list.data && items.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{filtered ? t('orders.noneFiltered') : t('orders.none')}</p>
        </div>
      ) : null}
      {list.data && items.length > 0 ? (
        <p className="result-count" aria-hidden="true">
          {resultText}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table className="table orders-table">
            <thead>
              <tr>
                <th scope="col">{t('orders.col.number')}</th>
                <th scope="col">{role === 'buyer' ? t('orders.supplier') : t('orders.customer')}</th>
                <th scope="col">{t('orders.col.issueDate')}</th>
                <th scope="col">{t('orders.col.status')}</th>
                <th scope="col">{t('orders.col.nextDue')}</th>
                <th scope="col" className="num">
                  {t('orders.col.lines')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} className={o.late ? 'row-late' : undefined}>
                  <td>
                    <Link to={`/orders/${o.id}`} className="strong-link">
                      {o.number}
                    </Link>
                  </td>
                  <td>{o.partner.name}</td>
                  <td>{formatDate(o.issueDate)}</td>
                  <td>
                    <OrderStatusBadge status={o.status} />
                  </td>
                  <td>
                    {o.nextDueDate ? formatDate(o.nextDueDate) : <span className="muted">—</span>}{' '}
                    {o.late ? <LateBadge /> : null}
                  </td>
                  <td className="num">{o.lineCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => void loadMore()}>
            {t('orders.loadMore')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
