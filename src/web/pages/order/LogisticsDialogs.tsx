// Production, shipping, receiving and invoicing: one form per step listing the delivery lines it
// applies to, with the quantities that are still open filled in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../http/types.ts';
import { Alert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { focusFirstError, TextField } from '../../components/Field.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { add, cmp, decimalForInput, eq, parseDecimalInput } from '../../lib/decimal.ts';
import { formatDate, formatPrice, formatQuantity, perUnit, todayIso, unitLabel } from '../../lib/format.ts';
import { fieldErrors } from '../../lib/problems.ts';
import { deliveries, positive, toInvoice, type Delivery } from './deliveries.ts';
import { ChangedMeanwhile } from './LineDialogs.tsx';

interface Common {
  order: OrderView;
  changed: boolean;
  onClose: () => void;
}

/** Submits a request body; rejects with the ApiError when refused. */
type Submit = (body: unknown) => Promise<void>;

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

const input = (d: string): string => decimalForInput(d, currentLanguage());

/** The key of a delivery line in a form. */
const keyOf = (d: Delivery): string => `${d.line.lineId}/${d.delivery.id}`;

/**
 * Form values per row key. The rows can change while the form is open (a partner's change arrives
 * live); values stay with their row, and new rows start from `initial`.
 */
function useRowValues<V>(initial: (key: string) => V) {
  const [values, setValues] = useState<Record<string, V>>({});
  const get = (key: string): V => values[key] ?? initial(key);
  const set = (key: string, patch: Partial<V>): void =>
    setValues((all) => ({ ...all, [key]: { ...(all[key] ?? initial(key)), ...patch } }));
  return { get, set };
}
const read = (s: string): string | null => parseDecimalInput(s, currentLanguage());

/** Error, busy and send state shared by the row dialogs: local errors stop the send (focus on the
 * first); a refusal from the server is mapped back onto the rows that were sent. */
function useRowForm() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (
    next: Record<string, string>,
    sent: readonly number[],
    fallback: Record<string, string>,
    post: () => Promise<void>,
  ): Promise<void> => {
    setErrors(next);
    setGeneral(null);
    if (Object.keys(next).length) {
      focusFirstError(Object.keys(next));
      return;
    }
    setBusy(true);
    try {
      await post();
    } catch (err) {
      const r = fieldErrors(t, err, rowField(sent, fallback));
      setErrors(r.fields);
      setGeneral(r.general);
      setBusy(false);
    }
  };
  return { errors, general, busy, send };
}

/** Maps a server field `lines[k].x` to the form's `rows[i].x` through the rows that were sent. */
function rowField(sent: readonly number[], fallback: Record<string, string>) {
  return (field: string): string | null => {
    const m = /^lines\[(\d+)\]\.?(\w*)/.exec(field);
    if (m) {
      const row = sent[Number(m[1])];
      const key = m[2] === 'rejected' || m[2] === 'reason' || m[2] === 'price' ? m[2] : 'quantity';
      return row === undefined ? null : `rows[${row}].${key === 'price' ? 'price' : key}`;
    }
    return fallback[field] ?? null;
  };
}

function DeliveryCells({ d }: { d: Delivery }) {
  return (
    <>
      <th scope="row">
        {d.line.lineId}
        <span className="muted"> / {d.delivery.id}</span>
      </th>
      <td>{d.line.item.name}</td>
      <td>{formatDate(d.delivery.date)}</td>
    </>
  );
}

/** Seller: the despatch (packing slip) number, date and quantities per delivery line. */
export function ShipDialog({ order, changed, onClose, onSubmit }: Common & { onSubmit: Submit }) {
  const { t } = useTranslation();
  const rows = deliveries(order).filter((d) => positive(d.toShip));
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const quantities = useRowValues((key) => ({
    quantity: input(rows.find((d) => keyOf(d) === key)?.toShip ?? '0'),
  }));
  const { errors, general, busy, send } = useRowForm();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!number.trim()) next.number = t('ship.numberRequired');
    if (!date) next.date = t('validation.dateRequired');
    const lines: { orderId: string; lineId: string; deliveryLineId: string; quantity: string }[] = [];
    const sent: number[] = [];
    rows.forEach((d, i) => {
      const raw = quantities.get(keyOf(d)).quantity;
      if (!raw.trim()) return;
      const q = read(raw);
      if (q === null) next[`rows[${i}].quantity`] = t('validation.number');
      else if (cmp(q, '0') < 0) next[`rows[${i}].quantity`] = t('validation.notNegative');
      else if (cmp(q, d.toShip) > 0)
        next[`rows[${i}].quantity`] = t('ship.tooMuch', { open: formatQuantity(d.toShip, d.line.unitCode) });
      else if (positive(q)) {
        sent.push(i);
        lines.push({ orderId: order.id, lineId: d.line.lineId, deliveryLineId: d.delivery.id, quantity: q });
      }
    });
    if (Object.keys(next).length === 0 && lines.length === 0) next['rows[0].quantity'] = t('ship.nothing');
    await send(next, sent, { number: 'number', date: 'date' }, () =>
      onSubmit({ number: number.trim(), date, lines }),
    );
  };

  return (
    <Dialog title={t('ship.title', { order: order.number })} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={changed} />
        {general ? <Alert>{general}</Alert> : null}
        <div className="form-row">
          <TextField
            name="number"
            label={t('ship.number')}
            hint={t('ship.numberHint')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={errors.number}
            autoComplete="off"
          />
          <TextField
            name="date"
            type="date"
            label={t('ship.date')}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date}
          />
        </div>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{t('ship.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logistics.line')}</th>
                <th scope="col">{t('logistics.item')}</th>
                <th scope="col">{t('logistics.date')}</th>
                <th scope="col" className="num">
                  {t('ship.open')}
                </th>
                <th scope="col">{t('ship.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                <tr key={`${d.line.lineId}/${d.delivery.id}`}>
                  <DeliveryCells d={d} />
                  <td className="num">{formatQuantity(d.toShip, d.line.unitCode)}</td>
                  <td>
                    <TextField
                      name={`rows[${i}].quantity`}
                      hiddenLabel
                      label={t('ship.quantityFor', { line: d.line.lineId, delivery: d.delivery.id })}
                      inputMode="decimal"
                      autoComplete="off"
                      className="field-inline"
                      value={quantities.get(keyOf(d)).quantity}
                      onChange={(e) => quantities.set(keyOf(d), { quantity: e.target.value })}
                      error={errors[`rows[${i}].quantity`]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Buttons busy={busy} submit={t('ship.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Buyer: received and rejected quantities per delivery line, with a reason for rejections. */
export function ReceiveDialog({ order, changed, onClose, onSubmit }: Common & { onSubmit: Submit }) {
  const { t } = useTranslation();
  const rows = deliveries(order).filter((d) => positive(d.toReceive));
  const values = useRowValues((key) => ({
    received: input(rows.find((d) => keyOf(d) === key)?.toReceive ?? '0'),
    rejected: '',
    reason: '',
  }));
  const { errors, general, busy, send } = useRowForm();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const lines: {
      lineId: string;
      deliveryLineId: string;
      received: string;
      rejected: string;
      reason: string | null;
    }[] = [];
    const sent: number[] = [];
    rows.forEach((d, i) => {
      const v = values.get(keyOf(d));
      const received = v.received.trim() ? read(v.received) : '0';
      const rejected = v.rejected.trim() ? read(v.rejected) : '0';
      if (received === null || cmp(received, '0') < 0) next[`rows[${i}].quantity`] = t('validation.number');
      if (rejected === null || cmp(rejected, '0') < 0) next[`rows[${i}].rejected`] = t('validation.number');
      if (received === null || rejected === null) return;
      if (cmp(add(received, rejected), d.toReceive) > 0)
        next[`rows[${i}].quantity`] = t('receive.tooMuch', {
          open: formatQuantity(d.toReceive, d.line.unitCode),
        });
      if (positive(rejected) && !v.reason.trim()) next[`rows[${i}].reason`] = t('receive.reasonRequired');
      if (positive(received) || positive(rejected)) {
        sent.push(i);
        lines.push({
          lineId: d.line.lineId,
          deliveryLineId: d.delivery.id,
          received,
          rejected,
          reason: v.reason.trim() || null,
        });
      }
    });
    if (Object.keys(next).length === 0 && lines.length === 0) next['rows[0].quantity'] = t('receive.nothing');
    await send(next, sent, {}, () => onSubmit({ lines }));
  };

  return (
    <Dialog title={t('receive.title', { order: order.number })} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={changed} />
        {general ? <Alert>{general}</Alert> : null}
        <p className="hint">{t('receive.intro')}</p>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{t('receive.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logistics.line')}</th>
                <th scope="col">{t('logistics.item')}</th>
                <th scope="col">{t('logistics.date')}</th>
                <th scope="col" className="num">
                  {t('receive.open')}
                </th>
                <th scope="col">{t('receive.received')}</th>
                <th scope="col">{t('receive.rejected')}</th>
                <th scope="col">{t('receive.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => {
                const label = { line: d.line.lineId, delivery: d.delivery.id };
                return (
                  <tr key={`${d.line.lineId}/${d.delivery.id}`}>
                    <DeliveryCells d={d} />
                    <td className="num">{formatQuantity(d.toReceive, d.line.unitCode)}</td>
                    <td>
                      <TextField
                        name={`rows[${i}].quantity`}
                        hiddenLabel
                        label={t('receive.receivedFor', label)}
                        inputMode="decimal"
                        autoComplete="off"
                        className="field-inline"
                        value={values.get(keyOf(d)).received}
                        onChange={(e) => values.set(keyOf(d), { received: e.target.value })}
                        error={errors[`rows[${i}].quantity`]}
                      />
                    </td>
                    <td>
                      <TextField
                        name={`rows[${i}].rejected`}
                        hiddenLabel
                        label={t('receive.rejectedFor', label)}
                        inputMode="decimal"
                        autoComplete="off"
                        className="field-inline"
                        value={values.get(keyOf(d)).rejected}
                        onChange={(e) => values.set(keyOf(d), { rejected: e.target.value })}
                        error={errors[`rows[${i}].rejected`]}
                      />
                    </td>
                    <td>
                      <TextField
                        name={`rows[${i}].reason`}
                        hiddenLabel
                        label={t('receive.reasonFor', label)}
                        autoComplete="off"
                        className="field-inline"
                        value={values.get(keyOf(d)).reason}
                        onChange={(e) => values.set(keyOf(d), { reason: e.target.value })}
                        error={errors[`rows[${i}].reason`]}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Buttons busy={busy} submit={t('receive.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Seller: cumulative produced quantity per delivery line. */
export function ProductionDialog({ order, changed, onClose, onSubmit }: Common & { onSubmit: Submit }) {
  const { t } = useTranslation();
  const rows = deliveries(order).filter((d) => positive(d.toShip));
  const values = useRowValues((key) => ({
    produced: input(rows.find((d) => keyOf(d) === key)?.produced ?? '0'),
  }));
  const { errors, general, busy, send } = useRowForm();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const lines: { lineId: string; deliveryLineId: string; produced: string }[] = [];
    const sent: number[] = [];
    rows.forEach((d, i) => {
      const q = read(values.get(keyOf(d)).produced);
      if (q === null || cmp(q, '0') < 0) next[`rows[${i}].quantity`] = t('validation.number');
      else if (cmp(q, d.delivery.quantity) > 0)
        next[`rows[${i}].quantity`] = t('production.tooMuch', {
          agreed: formatQuantity(d.delivery.quantity, d.line.unitCode),
        });
      else if (!eq(q, d.produced)) {
        sent.push(i);
        lines.push({ lineId: d.line.lineId, deliveryLineId: d.delivery.id, produced: q });
      }
    });
    if (Object.keys(next).length === 0 && lines.length === 0)
      next['rows[0].quantity'] = t('production.nothing');
    await send(next, sent, {}, () => onSubmit({ lines }));
  };

  return (
    <Dialog title={t('production.title', { order: order.number })} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={changed} />
        {general ? <Alert>{general}</Alert> : null}
        <p className="hint">{t('production.intro')}</p>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{t('production.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logistics.line')}</th>
                <th scope="col">{t('logistics.item')}</th>
                <th scope="col">{t('logistics.date')}</th>
                <th scope="col" className="num">
                  {t('production.agreed')}
                </th>
                <th scope="col">{t('production.produced')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                <tr key={`${d.line.lineId}/${d.delivery.id}`}>
                  <DeliveryCells d={d} />
                  <td className="num">{formatQuantity(d.delivery.quantity, d.line.unitCode)}</td>
                  <td>
                    <TextField
                      name={`rows[${i}].quantity`}
                      hiddenLabel
                      label={t('production.producedFor', { line: d.line.lineId, delivery: d.delivery.id })}
                      inputMode="decimal"
                      autoComplete="off"
                      className="field-inline"
                      value={values.get(keyOf(d)).produced}
                      onChange={(e) => values.set(keyOf(d), { produced: e.target.value })}
                      error={errors[`rows[${i}].quantity`]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Buttons busy={busy} submit={t('production.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** Seller: the invoice number and date, quantity and unit price per line (received, not yet invoiced). */
export function InvoiceDialog({ order, changed, onClose, onSubmit }: Common & { onSubmit: Submit }) {
  const { t } = useTranslation();
  const rows = order.lines.filter((l) => l.agreed && positive(toInvoice(l)));
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayIso());
  const values = useRowValues((lineId) => {
    const l = rows.find((r) => r.lineId === lineId);
    return { quantity: input(l ? toInvoice(l) : '0'), price: input(l?.agreed?.price.amount ?? '0') };
  });
  const { errors, general, busy, send } = useRowForm();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!number.trim()) next.number = t('invoice.numberRequired');
    if (!date) next.date = t('validation.dateRequired');
    const lines: { lineId: string; quantity: string; price: { amount: string; baseQuantity: string } }[] = [];
    const sent: number[] = [];
    rows.forEach((l, i) => {
      const v = values.get(l.lineId);
      if (!v.quantity.trim()) return;
      const q = read(v.quantity);
      const p = read(v.price);
      if (q === null || cmp(q, '0') < 0) next[`rows[${i}].quantity`] = t('validation.number');
      if (p === null || cmp(p, '0') < 0) next[`rows[${i}].price`] = t('validation.number');
      if (q !== null && p !== null && positive(q)) {
        sent.push(i);
        lines.push({
          lineId: l.lineId,
          quantity: q,
          price: { amount: p, baseQuantity: l.agreed!.price.baseQuantity },
        });
      }
    });
    if (Object.keys(next).length === 0 && lines.length === 0) next['rows[0].quantity'] = t('invoice.nothing');
    await send(next, sent, { number: 'number', issueDate: 'date' }, () =>
      onSubmit({ number: number.trim(), issueDate: date, lines }),
    );
  };

  return (
    <Dialog title={t('invoice.title', { order: order.number })} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ChangedMeanwhile changed={changed} />
        {general ? <Alert>{general}</Alert> : null}
        <div className="form-row">
          <TextField
            name="number"
            label={t('invoice.number')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={errors.number}
            autoComplete="off"
          />
          <TextField
            name="date"
            type="date"
            label={t('invoice.date')}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            error={errors.date}
          />
        </div>
        <p className="hint">{t('invoice.intro')}</p>
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{t('invoice.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logistics.line')}</th>
                <th scope="col">{t('logistics.item')}</th>
                <th scope="col">{t('invoice.agreedPrice')}</th>
                <th scope="col">{t('invoice.quantity')}</th>
                <th scope="col">{t('invoice.price', { currency: order.currency })}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l, i) => (
                <tr key={l.lineId}>
                  <th scope="row">{l.lineId}</th>
                  <td>{l.item.name}</td>
                  <td>{formatPrice(l.agreed!.price, order.currency, l.unitCode)}</td>
                  <td>
                    <TextField
                      name={`rows[${i}].quantity`}
                      hiddenLabel
                      label={t('invoice.quantityFor', { line: l.lineId, unit: unitLabel(l.unitCode) })}
                      inputMode="decimal"
                      autoComplete="off"
                      className="field-inline"
                      value={values.get(l.lineId).quantity}
                      onChange={(e) => values.set(l.lineId, { quantity: e.target.value })}
                      error={errors[`rows[${i}].quantity`]}
                    />
                  </td>
                  <td>
                    <TextField
                      name={`rows[${i}].price`}
                      hiddenLabel
                      label={t('invoice.priceFor', {
                        line: l.lineId,
                        per: perUnit(l.agreed!.price.baseQuantity, l.unitCode),
                      })}
                      inputMode="decimal"
                      autoComplete="off"
                      className="field-inline"
                      value={values.get(l.lineId).price}
                      onChange={(e) => values.set(l.lineId, { price: e.target.value })}
                      error={errors[`rows[${i}].price`]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Buttons busy={busy} submit={t('invoice.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}
