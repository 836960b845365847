// Dialogs for answering and changing lines: a reason (reject, reject a proposal, cancel, reopen,
// decide an invoice) and new terms (the seller's proposal, the buyer's change).
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderLine, OrderView, Price, ScheduleLine } from '../../http/types.ts';
import { Alert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { focusFirstError, TextArea, TextField } from '../../components/Field.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { cmp, decimalForInput, eq, parseDecimalInput } from '../../lib/decimal.ts';
import { formatPrice, perUnit } from '../../lib/format.ts';
import { fieldErrors } from '../../lib/problems.ts';
import {
  checkSchedule,
  rowsFromSchedule,
  sameSchedule,
  ScheduleEditor,
  type ScheduleRow,
} from './ScheduleEditor.tsx';
import { TermsView } from './TermsView.tsx';

/** Runs an order action; rejects with the ApiError when the node refuses it. */
export type Perform = (path: string, body: unknown, success: string) => Promise<void>;

/** Shown when the order changed after the dialog opened (a partner's answer, another tab). */
export function ChangedMeanwhile({ changed }: { changed: boolean }) {
  const { t } = useTranslation();
  return changed ? <Alert tone="warning">{t('order.changedMeanwhile')}</Alert> : null;
}

function Buttons({ busy, submit, onClose }: { busy: boolean; submit: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('common.busy') : submit}
      </button>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

interface ReasonDialogProps {
  title: string;
  intro?: ReactNode;
  label: string;
  hint?: string;
  submit: string;
  /** A reason is required (default) or optional. */
  optional?: boolean;
  danger?: boolean;
  changed: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a reason, then runs `onSubmit`. */
export function ReasonDialog(props: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!props.optional && !reason.trim()) {
      setError(t('validation.reasonRequired'));
      focusFirstError(['reason']);
      return;
    }
    setError(null);
    setGeneral(null);
    setBusy(true);
    try {
      await props.onSubmit(reason.trim());
    } catch (err) {
      const { fields, general: g } = fieldErrors(t, err, (f) => (/reason$/.test(f) ? 'reason' : null));
      setError(fields.reason ?? null);
      setGeneral(g);
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={props.changed} />
        {general ? <Alert>{general}</Alert> : null}
        {props.intro}
        <TextArea
          name="reason"
          label={props.label}
          hint={props.hint}
          optional={props.optional}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={error}
        />
        <Buttons busy={busy} submit={props.submit} onClose={props.onClose} />
      </form>
    </Dialog>
  );
}

const samePrice = (a: Price, b: Price): boolean =>
  eq(a.amount, b.amount) && eq(a.baseQuantity, b.baseQuantity);

interface TermsDialogProps {
  mode: 'propose' | 'change';
  order: OrderView;
  line: OrderLine;
  changed: boolean;
  perform: Perform;
  onClose: () => void;
}

/** The seller proposes other terms, or the buyer changes a line: price and delivery schedule (split). */
export function TermsDialog({ mode, order, line, changed, perform, onClose }: TermsDialogProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const base = line.requested;
  // Fields the user has not touched follow the order as it is now (it may change while the form is open),
  // so that sending a new price never silently resends an old schedule.
  const [priceInput, setPrice] = useState<string | null>(null);
  const [rowsInput, setRows] = useState<ScheduleRow[] | null>(null);
  const price = priceInput ?? decimalForInput(base.price.amount, language);
  const rows = rowsInput ?? rowsFromSchedule(base.schedule);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shipped = new Set(
    Object.entries(line.progress)
      .filter(([, p]) => cmp(p.shipped, '0') > 0)
      .map(([id]) => id),
  );

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const amount = parseDecimalInput(price, language);
    if (!price.trim()) next['price.amount'] = t('validation.priceRequired');
    else if (amount === null) next['price.amount'] = t('validation.number');
    else if (cmp(amount, '0') < 0) next['price.amount'] = t('validation.notNegative');
    const checked = checkSchedule(t, rows);
    Object.assign(next, checked.errors);
    const newPrice: Price = { amount: amount ?? '0', baseQuantity: base.price.baseQuantity };
    const priceChanged = amount !== null && !samePrice(newPrice, base.price);
    const scheduleChanged = !sameSchedule(checked.schedule, base.schedule);
    if (Object.keys(next).length === 0 && !priceChanged && !scheduleChanged) {
      setGeneral(mode === 'propose' ? t('line.proposeNothing') : t('line.changeNothing'));
      setErrors({});
      return;
    }
    setErrors(next);
    setGeneral(null);
    if (Object.keys(next).length) {
      focusFirstError(Object.keys(next));
      return;
    }
    const terms: { price?: Price; schedule?: ScheduleLine[] } = {};
    if (priceChanged) terms.price = newPrice;
    if (scheduleChanged) terms.schedule = checked.schedule;
    const text = note.trim() || null;
    setBusy(true);
    try {
      if (mode === 'propose') {
        await perform(
          'respond',
          { answers: [{ lineId: line.lineId, answer: 'propose', note: text, ...terms }] },
          t('line.done.proposed', { line: line.lineId }),
        );
      } else {
        await perform(
          'change',
          { change: [{ lineId: line.lineId, ...terms }], reason: text },
          t('line.done.changed', { line: line.lineId }),
        );
      }
    } catch (err) {
      const known = (f: string): string | null => {
        const local = f.replace(/^(answers|change)\[\d+\]\.?/, '');
        if (local === 'price' || local.startsWith('price.')) return 'price.amount';
        if (/^schedule\[\d+\]\.(date|quantity)$/.test(local)) return local;
        if (local === 'schedule' || local === 'quantity') return 'schedule[0].quantity';
        if (local === 'note' || local === 'reason') return 'note';
        return null;
      };
      const r = fieldErrors(t, err, known);
      setErrors(r.fields);
      setGeneral(r.general);
      setBusy(false);
    }
  };

  const perBase = perUnit(base.price.baseQuantity, line.unitCode);
  return (
    <Dialog
      title={t(mode === 'propose' ? 'line.proposeTitle' : 'line.changeTitle', {
        line: line.lineId,
        item: line.item.name,
      })}
      onClose={onClose}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={changed} />
        {general ? <Alert>{general}</Alert> : null}
        <div className="dialog-current">
          <h3>{mode === 'propose' ? t('line.requestedNow') : t('line.currentRequest')}</h3>
          <TermsView terms={base} unitCode={line.unitCode} currency={order.currency} />
        </div>
        <TextField
          name="price.amount"
          inputMode="decimal"
          autoComplete="off"
          label={t('line.priceLabel', { currency: order.currency, per: perBase })}
          hint={t('line.priceHint', { price: formatPrice(base.price, order.currency, line.unitCode) })}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={errors['price.amount']}
        />
        <ScheduleEditor
          rows={rows}
          onChange={setRows}
          errors={errors}
          unitCode={line.unitCode}
          locked={shipped}
        />
        <TextArea
          name="note"
          label={mode === 'propose' ? t('line.noteLabel') : t('line.reasonLabel')}
          hint={mode === 'propose' ? t('line.noteHint') : t('line.reasonHint')}
          optional
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors.note}
        />
        <Buttons
          busy={busy}
          submit={mode === 'propose' ? t('line.sendProposal') : t('line.sendChange')}
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}
