// Quantity, price and delivery schedule of a line, optionally marking what differs from other terms
// (the request), in words as well as in bold so it is never only a visual cue.
import { text } from '../../lib/texts.ts';
import type { Terms } from '../../http/types.ts';
import { eq } from '../../lib/decimal.ts';
import { formatDate, formatPrice, formatQuantity } from '../../lib/format.ts';

function Diff({ differs, children }: { differs: boolean; children: string }) {
  if (!differs) return <>{children}</>;
  return (
    <strong className="diff">
      {children}
      <span className="sr-only"> ({text('line.differs')})</span>
    </strong>
  );
}

export function TermsView({
  terms,
  unitCode,
  currency,
  compare,
}: {
  terms: Terms;
  unitCode: string;
  currency: string;
  compare?: Terms | null;
}) {
  const priceDiffers =
    !!compare &&
    !(
      eq(compare.price.amount, terms.price.amount) && eq(compare.price.baseQuantity, terms.price.baseQuantity)
    );
  return (
    <div className="terms">
      <div className="terms-head">
        <Diff differs={!!compare && !eq(compare.quantity, terms.quantity)}>
          {formatQuantity(terms.quantity, unitCode)}
        </Diff>
        <span className="terms-price">
          <Diff differs={priceDiffers}>{formatPrice(terms.price, currency, unitCode)}</Diff>
        </span>
      </div>
      <ul className="schedule">
        {terms.schedule.map((s) => {
          const other = compare?.schedule.find((c) => c.id === s.id);
          return (
            <li key={s.id}>
              <Diff differs={!!compare && (!other || other.date !== s.date)}>
                {s.date ? formatDate(s.date) : text('schedule.noDate')}
              </Diff>
              {': '}
              <Diff differs={!!compare && (!other || !eq(other.quantity, s.quantity))}>
                {formatQuantity(s.quantity, unitCode)}
              </Diff>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
