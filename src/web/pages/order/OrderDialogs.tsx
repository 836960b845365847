// The dialogs of the order page: answering or changing a line with terms or a reason, cancelling the
// order, deciding on an invoice, and the logistics steps (production, shipment, receipt, invoice). Each
// submits through the page's `perform` (with the order's ETag); a despatch goes to its own endpoint
// because it may cover several orders.
import { useTranslation } from 'react-i18next';
import { api } from '../../http/client.ts';
import type { Invoice, LineAction, OrderView } from '../../http/types.ts';
import { ReasonDialog, TermsDialog } from './LineDialogs.tsx';
import { InvoiceDialog, ProductionDialog, ReceiveDialog, ShipDialog } from './LogisticsDialogs.tsx';

export type DialogSpec =
  | { kind: 'line'; action: LineAction; lineId: string }
  | { kind: 'invoiceDecision'; invoice: Invoice; decision: 'approve' | 'dispute' }
  | { kind: 'cancelOrder' | 'ship' | 'receive' | 'production' | 'invoice' };

interface Props {
  dialog: DialogSpec;
  order: OrderView;
  /** Whether the order changed since the dialog opened. */
  changed: boolean;
  /** Posts an action on the order (If-Match) and shows `success`; rejects with the problem. */
  perform: (path: string, body: unknown, success: string) => Promise<void>;
  onClose: () => void;
  /** After a despatch was recorded: the orders it changed. */
  onShipped: (result: { number: string; orders: OrderView[] }) => void;
}

/** The open dialog of the order page. */
export function OrderDialogs({
  dialog,
  order: view,
  changed: changedSinceOpen,
  perform,
  onClose: close,
  onShipped,
}: Props) {
  const { t } = useTranslation();
  const dialogLine = dialog.kind === 'line' ? view.lines.find((l) => l.lineId === dialog.lineId) : undefined;
  return (
    <>
      {dialog.kind === 'line' && dialogLine ? (
        dialog.action === 'propose' || dialog.action === 'change' ? (
          <TermsDialog
            mode={dialog.action}
            order={view}
            line={dialogLine}
            changed={changedSinceOpen}
            perform={perform}
            onClose={close}
          />
        ) : (
          <ReasonDialog
            title={t(`line.dialog.${dialog.action as 'reject'}.title`, {
              line: dialogLine.lineId,
              item: dialogLine.item.name,
            })}
            intro={<p>{t(`line.dialog.${dialog.action as 'reject'}.intro`)}</p>}
            label={t(`line.dialog.${dialog.action as 'reject'}.label`)}
            submit={t(`line.dialog.${dialog.action as 'reject'}.submit`)}
            optional={dialog.action === 'cancel'}
            changed={changedSinceOpen}
            onClose={close}
            onSubmit={(reason) => {
              const lineId = dialogLine.lineId;
              const done = t(`line.done.${dialog.action as 'reject'}`, { line: lineId });
              switch (dialog.action) {
                case 'reject':
                  return perform('respond', { answers: [{ lineId, answer: 'reject', reason }] }, done);
                case 'rejectProposal':
                  return perform('decide', { decisions: [{ lineId, decision: 'reject', reason }] }, done);
                case 'cancel':
                  return perform('change', { cancel: [{ lineId, reason: reason || null }] }, done);
                default:
                  return perform('reopen', { lineIds: [lineId], reason }, done);
              }
            }}
          />
        )
      ) : null}

      {dialog.kind === 'cancelOrder' ? (
        <ReasonDialog
          title={t('order.cancelDialog.title', { number: view.number })}
          intro={<p>{t('order.cancelDialog.intro')}</p>}
          label={t('order.cancelDialog.label')}
          submit={t('order.cancelDialog.submit')}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={(reason) => perform('cancel', { reason }, t('order.done.cancelled'))}
        />
      ) : null}

      {dialog.kind === 'invoiceDecision' ? (
        <ReasonDialog
          title={t(`invoices.${dialog.decision}Title`, { number: dialog.invoice.number })}
          intro={<p>{t(`invoices.${dialog.decision}Intro`)}</p>}
          label={t('invoices.reasonLabel')}
          submit={t(`invoices.${dialog.decision}`)}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={(reason) =>
            perform(
              `invoices/${encodeURIComponent(dialog.invoice.id)}/decision`,
              { decision: dialog.decision, reason },
              t(`invoices.done.${dialog.decision}`, { number: dialog.invoice.number }),
            )
          }
        />
      ) : null}

      {dialog.kind === 'production' ? (
        <ProductionDialog
          order={view}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={(body) => perform('production', body, t('production.done'))}
        />
      ) : null}

      {dialog.kind === 'receive' ? (
        <ReceiveDialog
          order={view}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={(body) => perform('receipts', body, t('receive.done'))}
        />
      ) : null}

      {dialog.kind === 'invoice' ? (
        <InvoiceDialog
          order={view}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={(body) => perform('invoices', body, t('invoice.done'))}
        />
      ) : null}

      {dialog.kind === 'ship' ? (
        <ShipDialog
          order={view}
          changed={changedSinceOpen}
          onClose={close}
          onSubmit={async (body) =>
            onShipped(
              await api<{ number: string; orders: OrderView[] }>('/despatches', { method: 'POST', body }),
            )
          }
        />
      ) : null}
    </>
  );
}
