// The order's lines: state (text, symbol and colour), the request next to the agreement (or the open
// proposal), logistics progress, and only the actions the line allows now.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineAction, OrderLine, OrderView } from '../../http/types.ts';
import { LateBadge, LineStateBadge } from '../../components/Badge.tsx';
import { positive } from './deliveries.ts';
import { formatQuantity } from '../../lib/format.ts';
import { TermsView } from './TermsView.tsx';
import { text, textWith } from '../../lib/texts.ts';

/** Actions in the order they are offered; the first ones are the usual answer. */
const ACTION_ORDER: readonly LineAction[] = [
  'accept',
  'acceptProposal',
  'propose',
  'change',
  'reject',
  'rejectProposal',
  'reopen',
  'cancel',
];

const PRIMARY = new Set<LineAction>(['accept', 'acceptProposal']);
const DANGER = new Set<LineAction>(['reject', 'rejectProposal', 'cancel']);

function ItemCell({ line, role }: { line: OrderLine; role: OrderView['role'] }) {
  const own = role === 'buyer' ? line.item.buyerItemId : line.item.sellerItemId;
  const theirs = role === 'buyer' ? line.item.sellerItemId : line.item.buyerItemId;
  return (
    <>
      <div className="item-name">{line.item.name}</div>
      {line.item.description ? <div className="item-description">{line.item.description}</div> : null}
      <div className="item-ids">
        {own ? <span>{textWith('line.ownItemId', { id: own })}</span> : null}
        {theirs ? (
          <span>
            {textWith(role === 'buyer' ? 'line.supplierItemId' : 'line.customerItemId', { id: theirs })}
          </span>
        ) : null}
      </div>
      {line.note ? <div className="item-note">{textWith('line.note', { note: line.note })}</div> : null}
    </>
  );
}

function Progress({ line }: { line: OrderLine }) {
  const q = line.quantities;
  const parts = (['produced', 'shipped', 'received', 'rejected', 'invoiced'] as const).filter((k) =>
    positive(q[k] ?? '0'),
  );
  if (!line.agreed || (parts.length === 0 && line.progressStatus === 'none')) {
    return <span className="muted">{line.agreed ? text('progress.none') : '—'}</span>;
  }
  return (
    <>
      <div className="progress-status">{text(`progress.${line.progressStatus}`)}</div>
      <ul className="progress-list">
        {parts.map((k) => (
          <li key={k}>
            {text(`progress.qty.${k}`)}: {formatQuantity(q[k] ?? '0', line.unitCode)}
          </li>
        ))}
      </ul>
    </>
  );
}

interface Props {
  order: OrderView;
  canAct: boolean;
  highlight: ReadonlySet<string>;
  busy: boolean;
  onAction: (line: OrderLine, action: LineAction) => void;
}

/** The table of lines; memoised, as it renders again only when one of its props changes. */
export const LinesTable = memo(function LinesTable({ order, canAct, highlight, busy, onAction }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-label={t('line.tableLabel')} tabIndex={0}>
      {/* Explicit roles keep the table a table for screen readers when narrow screens lay rows out as cards. */}
      <table className="table lines-table" role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">
              {t('line.col.line')}
            </th>
            <th scope="col" role="columnheader">
              {t('line.col.item')}
            </th>
            <th scope="col" role="columnheader">
              {t('line.col.state')}
            </th>
            <th scope="col" role="columnheader">
              {text('line.col.requested')}
            </th>
            <th scope="col" role="columnheader">
              {text('line.col.agreed')}
            </th>
            <th scope="col" role="columnheader">
              {text('line.col.progress')}
            </th>
            {canAct ? (
              <th scope="col" role="columnheader">
                {t('line.col.actions')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {order.lines.map((line) => {
            const actions = canAct ? ACTION_ORDER.filter((a) => line.allowedActions.includes(a)) : [];
            const lineN = actions.length ? textWith('line.lineN', { line: line.lineId }) : '';
            return (
              <tr
                role="row"
                key={line.lineId}
                id={`line-${line.lineId}`}
                tabIndex={-1}
                className={`line-row state-${line.state}${highlight.has(line.lineId) ? ' highlighted' : ''}`}
              >
                <th scope="row" role="rowheader" className="line-id">
                  {line.lineId}
                </th>
                <td role="cell" className="line-item">
                  <ItemCell line={line} role={order.role} />
                </td>
                <td role="cell" className="line-state">
                  <LineStateBadge state={line.state} />
                  {line.late ? (
                    <>
                      {' '}
                      <LateBadge />
                    </>
                  ) : null}
                  {line.reason ? (
                    <p className="reason">
                      {text('line.reason')} <q>{line.reason}</q>
                    </p>
                  ) : null}
                </td>
                <td role="cell" className="line-terms line-requested">
                  <span className="cell-label" aria-hidden="true">
                    {text('line.col.requested')}
                  </span>
                  <TermsView terms={line.requested} unitCode={line.unitCode} currency={order.currency} />
                </td>
                <td role="cell" className="line-terms line-agreed">
                  <span className="cell-label" aria-hidden="true">
                    {text('line.col.agreed')}
                  </span>
                  {line.proposal ? (
                    <div className="proposal">
                      <div className="proposal-label">{text('line.proposal')}</div>
                      {line.proposal.substitute ? (
                        <p className="substitute">
                          {text('line.substitute')}: <strong>{line.proposal.substitute.name}</strong>
                          {line.proposal.substitute.sellerItemId
                            ? ` (${line.proposal.substitute.sellerItemId})`
                            : null}
                        </p>
                      ) : null}
                      <TermsView
                        terms={line.proposal.terms}
                        unitCode={line.unitCode}
                        currency={order.currency}
                        compare={line.requested}
                      />
                      {line.proposal.note ? (
                        <p className="reason">
                          <q>{line.proposal.note}</q>
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                  {line.agreed && line.proposal ? (
                    <div className="proposal-label">{text('line.agreedInForce')}</div>
                  ) : null}
                  {line.agreed ? (
                    <TermsView
                      terms={line.agreed}
                      unitCode={line.unitCode}
                      currency={order.currency}
                      compare={line.requested}
                    />
                  ) : !line.proposal ? (
                    <span className="muted">{text('line.notAgreed')}</span>
                  ) : null}
                </td>
                <td role="cell" className="line-progress">
                  <span className="cell-label" aria-hidden="true">
                    {text('line.col.progress')}
                  </span>
                  <Progress line={line} />
                </td>
                {canAct ? (
                  <td role="cell" className="line-actions">
                    {actions.length === 0 ? <span className="muted">—</span> : null}
                    {actions.map((a) => (
                      <button
                        key={a}
                        type="button"
                        disabled={busy}
                        className={`button-small ${PRIMARY.has(a) ? 'button-primary' : DANGER.has(a) ? 'button-danger-quiet' : 'button-secondary'}`}
                        // The name says which line; it starts with the visible text (WCAG 2.5.3).
                        aria-label={`${text(`line.action.${a}`)} ${lineN}`}
                        onClick={() => onAction(line, a)}
                      >
                        {text(`line.action.${a}`)}
                      </button>
                    ))}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
