// States shown as text with a colour and a symbol, never by colour alone.
import { text } from '../lib/texts.ts';
import type { Invoice, LineState, OrderStatus } from '../http/types.ts';

export type Tone = 'good' | 'bad' | 'attention' | 'info' | 'muted';

const SYMBOL: Record<Tone, string> = { good: '✓', bad: '✕', attention: '!', info: '•', muted: '–' };

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return (
    <span className={`badge badge-${tone}`}>
      <span className="badge-symbol" aria-hidden="true">
        {SYMBOL[tone]}
      </span>
      {children}
    </span>
  );
}

const LINE_TONE: Record<LineState, Tone> = {
  open: 'info',
  proposed: 'attention',
  agreed: 'good',
  rejected: 'bad',
  changed: 'attention',
  reopened: 'attention',
  cancelled: 'muted',
};

export function LineStateBadge({ state }: { state: LineState }) {
  return <Badge tone={LINE_TONE[state]}>{text(`lineState.${state}`)}</Badge>;
}

const ORDER_TONE: Record<OrderStatus, Tone> = {
  issued: 'info',
  in_negotiation: 'attention',
  agreed: 'good',
  in_production: 'info',
  partially_shipped: 'info',
  shipped: 'info',
  received: 'good',
  completed: 'good',
  rejected: 'bad',
  cancelled: 'muted',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={ORDER_TONE[status]}>{text(`orderStatus.${status}`)}</Badge>;
}

const INVOICE_TONE: Record<Invoice['status'], Tone> = {
  matched: 'good',
  mismatch: 'bad',
  approved: 'good',
  disputed: 'attention',
};

export function InvoiceStatusBadge({ status }: { status: Invoice['status'] }) {
  return <Badge tone={INVOICE_TONE[status]}>{text(`invoiceStatus.${status}`)}</Badge>;
}

export function LateBadge() {
  return <Badge tone="bad">{text('common.late')}</Badge>;
}
