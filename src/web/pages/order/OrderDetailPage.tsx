// One order: header, lines with their state and the request next to the agreement, the actions the
// current state allows, logistics, invoices, documents and history. Every action sends the order's ETag
// (If-Match); when the order changed meanwhile the node refuses, and the page says so and reloads.
// A partner's answer appears without reloading the page (live updates).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, request } from '../../http/client.ts';
import { requestFirst } from '../../http/preload.ts';
import { useOrderChanges } from '../../http/live.tsx';
import type {
  DocumentInfo,
  Items,
  LineAction,
  OrderEvent,
  OrderLine,
  OrderView,
  SentMessage,
} from '../../http/types.ts';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { OrderStatusBadge } from '../../components/Badge.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { lineValue } from '../../lib/format.ts';
import { clearFlash, peekFlash } from '../../lib/flash.ts';
import { problemText } from '../../lib/problems.ts';
import { useLoad, useReadyMark } from '../../lib/use-load.ts';
import { Link, useLocation } from '../../router.tsx';
import { mayAct, useMe } from '../../session.ts';
import { deliveries, positive, toInvoice } from './deliveries.ts';
import { DocumentsSection } from './DocumentsSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { InvoicesSection } from './InvoicesSection.tsx';
import { LinesTable } from './LinesTable.tsx';
import { SentMessagesSection } from './SentMessagesSection.tsx';
import { OrderDialogs, type DialogSpec } from './OrderDialogs.tsx';
import { OrderSummary } from './OrderSummary.tsx';

interface Loaded {
  view: OrderView;
  etag: string;
}

type Notice = { tone: 'success' | 'error' | 'info'; text: string };

const etagOf = (view: OrderView, etag: string | null): string => etag ?? `"${view.version}"`;

export function OrderDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const announce = useAnnounce();
  const location = useLocation();
  const order = useLoad(
    async (signal): Promise<Loaded> => {
      const r = await requestFirst<OrderView>(`/orders/${id}`, { signal });
      return { view: r.body, etag: etagOf(r.body, r.etag) };
    },
    [id],
  );
  // History, documents and sent messages are below the lines: they are asked for once the order is on screen, so that
  // they do not compete with it.
  const shown = order.data !== undefined;
  const history = useLoad(
    (signal) => api<Items<OrderEvent>>(`/orders/${id}/history`, { signal }),
    [id],
    shown,
  );
  const documents = useLoad(
    (signal) =>
      api<Items<DocumentInfo>>(`/orders/${id}/documents`, { signal }).then(
        (r) => r.items,
        () => null, // no such endpoint (404) or not available: the section is left out
      ),
    [id],
    shown,
  );
  // Left out until it loads; a failed reload keeps what is shown (the section asks again by itself).
  const sent = useLoad(
    (signal) => api<Items<SentMessage>>(`/orders/${id}/deliveries`, { signal }).then((r) => r.items),
    [id],
    shown,
  );
  const [dialog, setDialog] = useState<(DialogSpec & { etag: string; version: number }) | null>(null);
  const [notice, setNotice] = useState<Notice | null>(() => {
    const flash = peekFlash(id);
    return flash ? { tone: 'success', text: flash } : null;
  });
  useEffect(() => clearFlash(id), [id]);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  const view = order.data?.view;
  useReadyMark('order', view !== undefined);
  // The lines table is the expensive part of the page: give it props that stay the same while only the
  // history, the documents or a notice change, so that it renders again only when the order does.
  const highlight = useMemo(
    () => new Set(location.hash.startsWith('line-') ? [decodeURIComponent(location.hash.slice(5))] : []),
    [location.hash],
  );
  const lineActionRef = useRef<(line: OrderLine, action: LineAction) => void>(() => undefined);
  const onAction = useCallback(
    (line: OrderLine, action: LineAction) => lineActionRef.current(line, action),
    [],
  );

  const reloadAll = async (): Promise<Loaded | undefined> => {
    void history.reload();
    void documents.reload();
    void sent.reload();
    try {
      const r = await request<OrderView>(`/orders/${id}`);
      const loaded = { view: r.body, etag: etagOf(r.body, r.etag) };
      order.setData(loaded);
      return loaded;
    } catch {
      await order.reload();
      return undefined;
    }
  };

  useOrderChanges(
    (c) => c.orderId === id,
    (changes) => {
      void reloadAll();
      const byPartner = changes.filter((c) => c.byCompanyId !== me.company.id);
      const current = order.data?.view;
      if (byPartner.length > 0 && current) {
        const name = current.role === 'buyer' ? current.seller.name : current.buyer.name;
        const text = t('order.updatedByPartner', { partner: name });
        setNotice({ tone: 'info', text });
        announce(text);
      }
    },
  );

  // A task links to a line (#line-10), the lines (#lines) or an invoice (#invoice-<id>): go there.
  const targeted = useRef(false);
  useEffect(() => {
    if (!view || targeted.current || !location.hash) return;
    targeted.current = true;
    const el = document.getElementById(decodeURIComponent(location.hash));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }
  }, [view, location.hash]);

  if (order.error && !view) {
    return (
      <div className="page">
        <PageTitle title={t('order.notFoundTitle')} />
        <Alert>{problemText(t, order.error)}</Alert>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </div>
    );
  }
  if (!view) {
    return (
      <div className="page">
        <PageTitle title={t('order.loadingTitle')} />
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }

  const partner = view.role === 'buyer' ? view.seller : view.buyer;
  const canAct = mayAct(me.role, view.role);
  const isBuyer = view.role === 'buyer';
  const etag = order.data!.etag;

  const show = (n: Notice): void => {
    setNotice(n);
    if (n.tone !== 'error') announce(n.text);
    requestAnimationFrame(() => noticeRef.current?.scrollIntoView({ block: 'nearest' }));
  };

  /** Runs an action with If-Match; on a version conflict reloads and rethrows (the caller shows it). */
  const perform = async (
    path: string,
    body: unknown,
    success: string,
    ifMatch = dialog?.etag ?? etag,
  ): Promise<void> => {
    try {
      const r = await request<OrderView>(`/orders/${id}/${path}`, { method: 'POST', body, ifMatch });
      order.setData({ view: r.body, etag: etagOf(r.body, r.etag) });
      void history.reload();
      void sent.reload();
      setDialog(null);
      show({ tone: 'success', text: success });
    } catch (e) {
      if (isApiError(e) && e.code === 'version_conflict') {
        const fresh = await reloadAll();
        // The dialog stays open with what the user typed; the next attempt is based on the new version.
        if (fresh) setDialog((d) => d && { ...d, etag: fresh.etag, version: fresh.view.version });
      }
      throw e;
    }
  };

  /** An action without a form (accept): errors go to the page's notice. */
  const quick = async (path: string, body: unknown, success: string): Promise<void> => {
    setBusy(true);
    try {
      await perform(path, body, success, etag);
    } catch (e) {
      show({ tone: 'error', text: problemText(t, e) });
    } finally {
      setBusy(false);
    }
  };

  const open = (spec: DialogSpec): void => setDialog({ ...spec, etag, version: view.version });
  const close = (): void => setDialog(null);
  const changedSinceOpen = dialog ? dialog.version !== view.version : false;

  const onLineAction = (line: OrderLine, action: LineAction): void => {
    if (action === 'accept') {
      void quick(
        'respond',
        { answers: [{ lineId: line.lineId, answer: 'accept' }] },
        t('line.done.accepted', { line: line.lineId }),
      );
    } else if (action === 'acceptProposal') {
      void quick(
        'decide',
        { decisions: [{ lineId: line.lineId, decision: 'accept' }] },
        t('line.done.proposalAccepted', { line: line.lineId }),
      );
    } else open({ kind: 'line', action, lineId: line.lineId });
  };
  lineActionRef.current = onLineAction;

  const acceptable = view.lines.filter((l) => l.allowedActions.includes('accept'));
  const proposals = view.lines.filter((l) => l.allowedActions.includes('acceptProposal'));
  const cancellable = view.lines.filter((l) => l.allowedActions.includes('cancel'));
  const all = deliveries(view);
  const canShip = !isBuyer && all.some((d) => positive(d.toShip));
  const canReceive = isBuyer && all.some((d) => positive(d.toReceive));
  const canInvoice = !isBuyer && view.lines.some((l) => l.agreed && positive(toInvoice(l)));
  const active = view.lines.filter((l) => l.state !== 'cancelled' && l.state !== 'rejected');
  const value = active.reduce((s, l) => {
    const terms = l.agreed ?? l.requested;
    return s + lineValue(terms.quantity, terms.price);
  }, 0);

  return (
    <div className="page order-page">
      <p className="breadcrumb">
        <Link to={isBuyer ? '/orders/purchase' : '/orders/sales'}>
          <span aria-hidden="true">← </span>
          {isBuyer ? t('nav.purchaseOrders') : t('nav.salesOrders')}
        </Link>
      </p>
      <div className="page-head">
        <PageTitle title={t(isBuyer ? 'order.purchaseTitle' : 'order.salesTitle', { number: view.number })} />
        <OrderStatusBadge status={view.status} />
      </div>

      <OrderSummary order={view} value={value} />

      <div ref={noticeRef} className="notice-area">
        {notice ? (
          <div
            className={`alert alert-${notice.tone}`}
            role={notice.tone === 'error' ? 'alert' : undefined}
            data-notice={notice.tone}
          >
            <span>{notice.text}</span>
            <button type="button" className="button-plain" onClick={() => setNotice(null)}>
              {t('common.dismiss')}
            </button>
          </div>
        ) : null}
      </div>

      {canAct ? (
        <div className="toolbar" role="group" aria-label={t('order.actions')}>
          {!isBuyer && acceptable.length > 1 ? (
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() =>
                void quick(
                  'respond',
                  { answers: acceptable.map((l) => ({ lineId: l.lineId, answer: 'accept' })) },
                  t('order.done.acceptedAll', { count: acceptable.length }),
                )
              }
            >
              {t('order.acceptAll', { count: acceptable.length })}
            </button>
          ) : null}
          {isBuyer && proposals.length > 1 ? (
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() =>
                void quick(
                  'decide',
                  { decisions: proposals.map((l) => ({ lineId: l.lineId, decision: 'accept' })) },
                  t('order.done.proposalsAccepted', { count: proposals.length }),
                )
              }
            >
              {t('order.acceptAllProposals', { count: proposals.length })}
            </button>
          ) : null}
          {canShip ? (
            <button type="button" className="button-secondary" onClick={() => open({ kind: 'production' })}>
              {t('order.reportProduction')}
            </button>
          ) : null}
          {canShip ? (
            <button type="button" className="button-secondary" onClick={() => open({ kind: 'ship' })}>
              {t('order.ship')}
            </button>
          ) : null}
          {canReceive ? (
            <button type="button" className="button-secondary" onClick={() => open({ kind: 'receive' })}>
              {t('order.receive')}
            </button>
          ) : null}
          {canInvoice ? (
            <button type="button" className="button-secondary" onClick={() => open({ kind: 'invoice' })}>
              {t('order.invoice')}
            </button>
          ) : null}
          {isBuyer && cancellable.length > 0 ? (
            <button
              type="button"
              className="button-danger-quiet"
              onClick={() => open({ kind: 'cancelOrder' })}
            >
              {t('order.cancelOrder')}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="hint">{t('order.readOnly')}</p>
      )}

      <section className="card" aria-labelledby="lines-title" id="lines" tabIndex={-1}>
        <h2 id="lines-title">{t('order.linesTitle')}</h2>
        <p className="hint">{t(isBuyer ? 'order.linesHintBuyer' : 'order.linesHintSeller')}</p>
        <LinesTable order={view} canAct={canAct} highlight={highlight} busy={busy} onAction={onAction} />
      </section>

      <InvoicesSection
        order={view}
        canDecide={canAct && isBuyer}
        onDecide={(invoice, decision) => open({ kind: 'invoiceDecision', invoice, decision })}
      />

      {documents.data ? <DocumentsSection documents={documents.data} /> : null}

      {sent.data ? (
        <SentMessagesSection
          messages={sent.data}
          partnerName={partner.name}
          canResend={canAct}
          reload={sent.reload}
        />
      ) : null}

      <HistorySection order={view} events={history.data?.items} />

      {dialog ? (
        <OrderDialogs
          dialog={dialog}
          order={view}
          changed={changedSinceOpen}
          perform={perform}
          onClose={close}
          onShipped={(r) => {
            const mine = r.orders.find((o) => o.id === id);
            if (mine) order.setData({ view: mine, etag: etagOf(mine, null) });
            void history.reload();
            void sent.reload();
            setDialog(null);
            show({ tone: 'success', text: t('ship.done', { number: r.number }) });
          }}
        />
      ) : null}
    </div>
  );
}
