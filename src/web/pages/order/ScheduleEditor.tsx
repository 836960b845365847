// Editing a delivery schedule: one row per delivery (date and quantity). Adding rows splits a line into
// several deliveries; the total is the line's quantity.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ScheduleLine } from '../../http/types.ts';
import { TextField } from '../../components/Field.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { cmp, decimalForInput, eq, gt0, parseDecimalInput, sum } from '../../lib/decimal.ts';
import { addDays, formatQuantity } from '../../lib/format.ts';

export interface ScheduleRow {
  /** The delivery line id; kept for existing rows so that their progress stays attached. */
  id: string;
  date: string;
  /** As typed. */
  quantity: string;
}

export const rowsFromSchedule = (schedule: readonly ScheduleLine[]): ScheduleRow[] =>
  schedule.map((s) => ({
    id: s.id,
    // A line requested without a date: the seller fills one in (a proposal always has dates).
    date: s.date ?? '',
    quantity: decimalForInput(s.quantity, currentLanguage()),
  }));

/** A delivery line id not used yet: one more than the highest number. */
function nextId(rows: readonly ScheduleRow[]): string {
  const numbers = rows.map((r) => Number(r.id)).filter((n) => Number.isInteger(n));
  return String((numbers.length ? Math.max(...numbers) : 0) + 1);
}

/** Checks the rows; returns field errors keyed `${prefix}[i].date|quantity` and the schedule to send. */
export function checkSchedule(
  t: TFunction,
  rows: readonly ScheduleRow[],
  prefix = 'schedule',
): { errors: Record<string, string>; schedule: ScheduleLine[] } {
  const errors: Record<string, string> = {};
  const schedule: ScheduleLine[] = [];
  rows.forEach((r, i) => {
    if (!r.date) errors[`${prefix}[${i}].date`] = t('validation.dateRequired');
    const q = parseDecimalInput(r.quantity, currentLanguage());
    if (!r.quantity.trim()) errors[`${prefix}[${i}].quantity`] = t('validation.quantityRequired');
    else if (q === null) errors[`${prefix}[${i}].quantity`] = t('validation.number');
    else if (!gt0(q)) errors[`${prefix}[${i}].quantity`] = t('validation.positive');
    schedule.push({ id: r.id, date: r.date, quantity: q ?? '0' });
  });
  return { errors, schedule };
}

/** Whether two schedules are the same deliveries. */
export const sameSchedule = (a: readonly ScheduleLine[], b: readonly ScheduleLine[]): boolean =>
  a.length === b.length && a.every((s, i) => s.date === b[i]?.date && eq(s.quantity, b[i].quantity));

interface Props {
  rows: ScheduleRow[];
  onChange: (rows: ScheduleRow[]) => void;
  errors: Record<string, string>;
  unitCode: string;
  prefix?: string;
  /** Delivery line ids with shipments: they cannot be removed. */
  locked?: ReadonlySet<string>;
}

export function ScheduleEditor({ rows, onChange, errors, unitCode, prefix = 'schedule', locked }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ScheduleRow>): void =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const total = sum(
    rows
      .map((r) => parseDecimalInput(r.quantity, currentLanguage()))
      .filter((q): q is string => q !== null && cmp(q, '0') > 0),
  );
  return (
    <fieldset className="schedule-editor">
      <legend>{t('schedule.legend')}</legend>
      <p className="hint">{t('schedule.hint')}</p>
      <ol className="schedule-rows">
        {rows.map((r, i) => (
          <li key={`${r.id}-${i}`} className="schedule-row">
            <TextField
              name={`${prefix}[${i}].date`}
              type="date"
              label={t('schedule.date', { n: i + 1 })}
              value={r.date}
              onChange={(e) => set(i, { date: e.target.value })}
              error={errors[`${prefix}[${i}].date`]}
            />
            <TextField
              name={`${prefix}[${i}].quantity`}
              inputMode="decimal"
              autoComplete="off"
              label={t('schedule.quantity', { n: i + 1 })}
              value={r.quantity}
              onChange={(e) => set(i, { quantity: e.target.value })}
              error={errors[`${prefix}[${i}].quantity`]}
            />
            {rows.length > 1 && !locked?.has(r.id) ? (
              <button
                type="button"
                className="button-plain schedule-remove"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                {t('schedule.remove')}
                <span className="sr-only"> {t('schedule.rowN', { n: i + 1 })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="schedule-foot">
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => {
            const last = rows[rows.length - 1];
            onChange([
              ...rows,
              { id: nextId(rows), date: last?.date ? addDays(last.date, 7) : '', quantity: '' },
            ]);
          }}
        >
          {t('schedule.add')}
        </button>
        <span className="schedule-total">
          {t('schedule.total', { total: formatQuantity(total, unitCode) })}
        </span>
      </div>
    </fieldset>
  );
}
