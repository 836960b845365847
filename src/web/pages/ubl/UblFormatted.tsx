// The formatted view of a UBL document: header facts, the parties and the lines, as the original XML
// states them (read in the browser, rendered as text only).
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, formatNumber, perUnit, unitLabel } from '../../lib/format.ts';
import type { UblLine, UblQuantity, UblView } from '../../lib/ubl-view.ts';

const quantityText = (q: UblQuantity | null): string =>
  q ? `${formatNumber(q.value)}${q.unitCode ? ` ${unitLabel(q.unitCode)}` : ''}` : '';

function money(amount: string, currency: string | null): string {
  return currency ? formatMoney(amount, currency) : formatNumber(amount);
}

/** "€ 12,50 per stuk", "€ 210,00 per 100 kg": per base quantity, else per unit of the line. */
function PriceText({ price, unitCode }: { price: NonNullable<UblLine['price']>; unitCode: string | null }) {
  const { t } = useTranslation();
  const amount = money(price.amount, price.currency);
  const base = price.baseQuantity ?? (unitCode ? { value: '1', unitCode } : null);
  if (!base?.unitCode) return <>{amount}</>;
  return <>{t('ubl.pricePer', { price: amount, per: perUnit(base.value, base.unitCode) })}</>;
}

export function UblFormatted({ view }: { view: UblView }) {
  const { t, i18n } = useTranslation();
  const roleName = (role: string): string =>
    i18n.exists(`ubl.party.${role}`) ? t(`ubl.party.${role as 'BuyerCustomerParty'}`) : role;
  const facts: [string, string | null][] = [
    [t('ubl.number'), view.number],
    [t('ubl.issueDate'), view.issueDate ? formatDate(view.issueDate) : null],
    [t('ubl.orderReference'), view.orderReference],
    [t('ubl.requestedDelivery'), view.requestedDelivery ? formatDate(view.requestedDelivery) : null],
    [t('ubl.dueDate'), view.dueDate ? formatDate(view.dueDate) : null],
    [t('ubl.responseCode'), view.responseCode],
    [t('ubl.currency'), view.currency],
    [t('ubl.total'), view.total ? money(view.total.amount, view.total.currency) : null],
  ];
  const hasStatus = view.lines.some((l) => l.status !== null);
  return (
    <div className="ubl-formatted">
      <dl className="summary">
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        {view.notes.length > 0 ? (
          <div className="summary-wide">
            <dt>{t('ubl.notes')}</dt>
            <dd>{view.notes.join(' · ')}</dd>
          </div>
        ) : null}
      </dl>

      {view.parties.length > 0 ? (
        <>
          <h3>{t('ubl.parties')}</h3>
          <ul className="party-list">
            {view.parties.map((p, i) => (
              <li key={`${p.role}-${i}`} className="party">
                <span className="party-role">{roleName(p.role)}</span>
                <span className="party-name">{p.name ?? t('ubl.unnamed')}</span>
                {p.place ? <span className="muted">{p.place}</span> : null}
                {p.identifiers.length > 0 ? (
                  <span className="muted identifier">{p.identifiers.join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>{t('ubl.lines', { count: view.lines.length })}</h3>
      {view.lines.length === 0 ? (
        <p className="muted">{t('ubl.noLines')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={t('ubl.linesTable')} tabIndex={0}>
          <table className="table table-compact ubl-lines">
            <thead>
              <tr>
                <th scope="col">{t('ubl.line')}</th>
                <th scope="col">{t('ubl.item')}</th>
                <th scope="col" className="num">
                  {t('ubl.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('ubl.price')}
                </th>
                <th scope="col">{t('ubl.dates')}</th>
                {hasStatus ? <th scope="col">{t('ubl.lineStatus')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.lines.map((l, i) => (
                <tr key={`${l.id ?? ''}-${i}`}>
                  <th scope="row">
                    {l.id ?? '–'}
                    {l.orderLineRef && l.orderLineRef !== l.id ? (
                      <span className="muted identifier">{t('ubl.orderLine', { line: l.orderLineRef })}</span>
                    ) : null}
                  </th>
                  <td>
                    <span className="item-name">{l.item ?? l.description ?? '–'}</span>
                    {l.item && l.description ? (
                      <span className="item-description">{l.description}</span>
                    ) : null}
                    {l.buyersItemId || l.sellersItemId ? (
                      <span className="item-ids">
                        {[
                          l.buyersItemId ? t('ubl.buyersItem', { id: l.buyersItemId }) : null,
                          l.sellersItemId ? t('ubl.sellersItem', { id: l.sellersItemId }) : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    ) : null}
                    {l.note ? <span className="item-note">{l.note}</span> : null}
                  </td>
                  <td className="num">{quantityText(l.quantity)}</td>
                  <td className="num">
                    {l.price ? <PriceText price={l.price} unitCode={l.quantity?.unitCode ?? null} /> : null}
                  </td>
                  <td>
                    {l.dates.map((d, j) => (
                      <span key={j} className="ubl-date">
                        {t(`ubl.dateKind.${d.kind}`)} {formatDate(d.date)}
                      </span>
                    ))}
                  </td>
                  {hasStatus ? <td>{l.status ?? ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
