// A new purchase order: supplier, order number, date, and lines with item, unit, price and delivery
// schedule. Items ordered before from the chosen supplier can be looked up. Everything is checked
// before sending (messages next to the fields and a summary on top); what the node still refuses is
// shown next to the field it names.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../http/client.ts';
import type { Company, Items, OrderList, OrderView } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { fieldId, SelectField, TextArea, TextField } from '../components/Field.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { cmp, decimalForInput, parseDecimalInput } from '../lib/decimal.ts';
import { setFlash } from '../lib/flash.ts';
import { addDays, formatMoney, lineValue, todayIso, unitLabel } from '../lib/format.ts';
import { fieldErrors } from '../lib/problems.ts';
import { useLoad, useReadyMark } from '../lib/use-load.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { mayBuy, useMe } from '../session.ts';
import { checkSchedule, ScheduleEditor, type ScheduleRow } from './order/ScheduleEditor.tsx';

const UNITS = ['C62', 'KGM', 'TNE', 'MTR', 'MTK', 'MTQ', 'LTR', 'SET', 'PR', 'HUR'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK'];

interface LineForm {
  key: number;
  lookup: string;
  buyerItemId: string;
  sellerItemId: string;
  name: string;
  unitCode: string;
  price: string;
  baseQuantity: string;
  schedule: ScheduleRow[];
}

/** An item ordered before from the supplier, with what it was last ordered at. */
interface KnownItem {
  label: string;
  buyerItemId: string | null;
  sellerItemId: string | null;
  name: string;
  unitCode: string;
  price: string;
  baseQuantity: string;
}

const lineIdOf = (index: number): string => String((index + 1) * 10);

let nextKey = 1;
const emptyLine = (): LineForm => ({
  key: nextKey++,
  lookup: '',
  buyerItemId: '',
  sellerItemId: '',
  name: '',
  unitCode: 'C62',
  price: '',
  baseQuantity: '1',
  schedule: [{ id: '1', date: addDays(todayIso(), 14), quantity: '' }],
});

/** Items from the supplier's most recent purchase orders, newest price first. */
async function knownItems(partnerId: string, signal: AbortSignal): Promise<KnownItem[]> {
  const list = await api<OrderList>(`/orders?role=buyer&partner=${encodeURIComponent(partnerId)}&limit=15`, {
    signal,
  });
  const orders = await Promise.all(list.items.map((o) => api<OrderView>(`/orders/${o.id}`, { signal })));
  const seen = new Map<string, KnownItem>();
  for (const o of orders) {
    for (const l of o.lines) {
      const key = l.item.buyerItemId ?? l.item.sellerItemId ?? l.item.name;
      if (seen.has(key)) continue;
      const terms = l.agreed ?? l.requested;
      seen.set(key, {
        label: [l.item.buyerItemId, l.item.name].filter(Boolean).join(' — '),
        buyerItemId: l.item.buyerItemId,
        sellerItemId: l.item.sellerItemId,
        name: l.item.name,
        unitCode: l.unitCode,
        price: terms.price.amount,
        baseQuantity: terms.price.baseQuantity,
      });
    }
  }
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function NewOrderPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const language = currentLanguage();
  const partners = useLoad((signal) => api<Items<Company>>('/partners', { signal }), []);
  const [partnerId, setPartnerId] = useState(location.search.get('partner') ?? '');
  const [number, setNumber] = useState('');
  const [issueDate, setIssueDate] = useState(todayIso());
  const [currency, setCurrency] = useState('EUR');
  const [locationName, setLocationName] = useState('');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineForm[]>(() => [emptyLine()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  useReadyMark('newOrder', partners.data !== undefined);

  const items = useLoad(
    (signal) => (partnerId ? knownItems(partnerId, signal) : Promise.resolve([])),
    [partnerId],
  );
  const partner = partners.data?.items.find((p) => p.id === partnerId);
  const identifierOf = (c: Company): string => {
    const id = c.identifiers.find((i) => i.primary) ?? c.identifiers[0];
    return id ? `${id.scheme}:${id.value}` : '';
  };

  const setLine = (i: number, patch: Partial<LineForm>): void =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const pick = (i: number, text: string): void => {
    const item = items.data?.find((k) => k.label === text);
    if (!item) return setLine(i, { lookup: text });
    setLine(i, {
      lookup: text,
      buyerItemId: item.buyerItemId ?? '',
      sellerItemId: item.sellerItemId ?? '',
      name: item.name,
      unitCode: item.unitCode,
      price: decimalForInput(item.price, language),
      baseQuantity: decimalForInput(item.baseQuantity, language),
    });
  };

  /** Checks everything; returns the errors (field path → message) and the body to send. */
  const check = () => {
    const e: Record<string, string> = {};
    if (!partner) e.seller = t('newOrder.errors.supplier');
    if (!number.trim()) e.number = t('newOrder.errors.number');
    else if (number.trim().length > 50) e.number = t('newOrder.errors.numberLength');
    if (!issueDate) e.issueDate = t('validation.dateRequired');
    const body = {
      seller: partner ? identifierOf(partner) : '',
      number: number.trim(),
      issueDate,
      currency,
      deliveryLocation:
        locationName.trim() || address.trim()
          ? { name: locationName.trim() || null, address: address.trim() || null }
          : null,
      note: note.trim() || null,
      lines: lines.map((l, i) => {
        const p = `lines[${i}]`;
        if (!l.name.trim()) e[`${p}.item.name`] = t('newOrder.errors.itemName');
        const amount = parseDecimalInput(l.price, language);
        if (!l.price.trim()) e[`${p}.price.amount`] = t('validation.priceRequired');
        else if (amount === null) e[`${p}.price.amount`] = t('validation.number');
        else if (cmp(amount, '0') < 0) e[`${p}.price.amount`] = t('validation.notNegative');
        const base = parseDecimalInput(l.baseQuantity || '1', language);
        if (base === null || cmp(base, '0') <= 0) e[`${p}.price.baseQuantity`] = t('validation.positive');
        const schedule = checkSchedule(t, l.schedule, `${p}.schedule`);
        Object.assign(e, schedule.errors);
        schedule.schedule.forEach((s, j) => {
          const key = `${p}.schedule[${j}].date`;
          if (s.date && issueDate && s.date < issueDate && !e[key])
            e[key] = t('newOrder.errors.dateBeforeIssue');
        });
        return {
          lineId: lineIdOf(i),
          item: {
            buyerItemId: l.buyerItemId.trim() || null,
            sellerItemId: l.sellerItemId.trim() || null,
            name: l.name.trim(),
          },
          unitCode: l.unitCode,
          price: { amount: amount ?? '0', baseQuantity: base ?? '1' },
          schedule: schedule.schedule,
        };
      }),
    };
    return { errors: e, body };
  };

  const known = (field: string): string | null => {
    if (document.getElementById(fieldId(field))) return field;
    const m = /^lines\[(\d+)\]\.?(.*)$/.exec(field);
    if (m) {
      const p = `lines[${m[1]}]`;
      if (m[2]?.startsWith('price')) return `${p}.price.amount`;
      if (m[2]?.startsWith('item')) return `${p}.item.name`;
      if (m[2]?.startsWith('schedule') || m[2] === 'quantity') return `${p}.schedule[0].quantity`;
      if (m[2] === 'unitCode') return `${p}.unitCode`;
    }
    if (field.startsWith('deliveryLocation')) return 'deliveryLocation.name';
    return null;
  };

  const showErrors = (e: Record<string, string>, g: string | null): void => {
    setErrors(e);
    setGeneral(g);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const submit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault();
    const { errors: e, body } = check();
    if (Object.keys(e).length) return showErrors(e, null);
    setErrors({});
    setGeneral(null);
    setBusy(true);
    try {
      const r = await request<OrderView>('/orders', { method: 'POST', body });
      setFlash(r.body.id, t('newOrder.sent', { number: r.body.number, partner: r.body.seller.name }));
      navigate(`/orders/${r.body.id}`);
    } catch (err) {
      const r = fieldErrors(t, err, known);
      setBusy(false);
      showErrors(r.fields, r.general);
    }
  };

  // The summary names the field of each problem (its label, and the line for line fields).
  const fieldName = (field: string): string => {
    const label = document.querySelector(`label[for="${fieldId(field)}"]`)?.firstChild?.textContent ?? '';
    const line = /^lines\[(\d+)\]/.exec(field);
    return line ? `${t('newOrder.line', { line: lineIdOf(Number(line[1])) })}, ${label}` : label;
  };
  const errorList = Object.entries(errors);
  const total = lines.reduce((s, l) => {
    const price = parseDecimalInput(l.price, language);
    const base = parseDecimalInput(l.baseQuantity || '1', language);
    const qty = l.schedule.reduce((q, r) => q + Number(parseDecimalInput(r.quantity, language) ?? 0), 0);
    return price && base && Number(base) > 0
      ? s + lineValue(String(qty), { amount: price, baseQuantity: base })
      : s;
  }, 0);

  if (!mayBuy(me.role)) {
    return (
      <div className="page">
        <PageTitle title={t('newOrder.title')} />
        <Alert>{t('errors.forbidden')}</Alert>
      </div>
    );
  }

  return (
    <div className="page new-order">
      <p className="breadcrumb">
        <Link to="/orders/purchase">
          <span aria-hidden="true">← </span>
          {t('nav.purchaseOrders')}
        </Link>
      </p>
      <PageTitle title={t('newOrder.title')} />
      <p className="lead">
        {t('newOrder.intro')} <Link to="/documents/upload">{t('newOrder.orUpload')}</Link>
      </p>

      <div ref={summaryRef} tabIndex={-1} className="summary-focus">
        {errorList.length || general ? (
          <div className="error-summary" role="alert">
            <h2>{t('newOrder.errorSummary', { count: errorList.length || 1 })}</h2>
            {general ? <p>{general}</p> : null}
            <ul>
              {errorList.map(([field, message]) => (
                <li key={field}>
                  <a
                    href={`#${fieldId(field)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(fieldId(field))?.focus();
                    }}
                  >
                    {t('newOrder.summaryItem', { field: fieldName(field), message })}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <form onSubmit={(e) => void submit(e)} noValidate>
        <section className="card" aria-labelledby="order-head-title">
          <h2 id="order-head-title">{t('newOrder.header')}</h2>
          <div className="form-grid">
            <SelectField
              name="seller"
              className="span-2"
              label={t('newOrder.supplier')}
              value={partnerId}
              onChange={(e) => setPartnerId(e.target.value)}
              error={errors.seller}
            >
              <option value="">{t('newOrder.chooseSupplier')}</option>
              {(partners.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.city ? ` (${p.city})` : ''}
                </option>
              ))}
            </SelectField>
            <TextField
              name="number"
              label={t('newOrder.number')}
              hint={t('newOrder.numberHint')}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              error={errors.number}
              autoComplete="off"
            />
            <TextField
              name="issueDate"
              type="date"
              label={t('newOrder.issueDate')}
              value={issueDate}
              onChange={(e) => setIssueDate(e.target.value)}
              error={errors.issueDate}
            />
            <SelectField
              name="currency"
              label={t('newOrder.currency')}
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
              error={errors.currency}
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <TextField
              name="deliveryLocation.name"
              label={t('newOrder.locationName')}
              optional
              value={locationName}
              onChange={(e) => setLocationName(e.target.value)}
              error={errors['deliveryLocation.name']}
            />
            <TextField
              name="deliveryLocation.address"
              label={t('newOrder.address')}
              optional
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              autoComplete="street-address"
            />
          </div>
          <TextArea
            name="note"
            label={t('newOrder.note')}
            optional
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={errors.note}
          />
        </section>

        <datalist id="known-items">
          {(items.data ?? []).map((k) => (
            <option key={k.label} value={k.label} />
          ))}
        </datalist>

        {lines.map((l, i) => {
          const p = `lines[${i}]`;
          const units = UNITS.includes(l.unitCode) ? UNITS : [...UNITS, l.unitCode];
          return (
            <section key={l.key} className="card order-line-form" aria-labelledby={`line-title-${l.key}`}>
              <div className="card-head">
                <h2 id={`line-title-${l.key}`}>{t('newOrder.line', { line: lineIdOf(i) })}</h2>
                {lines.length > 1 ? (
                  <button
                    type="button"
                    className="button-plain"
                    onClick={() => setLines(lines.filter((_, j) => j !== i))}
                  >
                    {t('newOrder.removeLine')}
                    <span className="sr-only"> {lineIdOf(i)}</span>
                  </button>
                ) : null}
              </div>
              <TextField
                name={`${p}.lookup`}
                label={t('newOrder.lookup')}
                hint={
                  partner
                    ? items.data?.length
                      ? t('newOrder.lookupHint', { count: items.data.length, partner: partner.name })
                      : items.loading
                        ? t('common.loading')
                        : t('newOrder.lookupNone', { partner: partner.name })
                    : t('newOrder.lookupNoSupplier')
                }
                optional
                list="known-items"
                autoComplete="off"
                value={l.lookup}
                onChange={(e) => pick(i, e.target.value)}
              />
              <div className="form-grid">
                <TextField
                  name={`${p}.item.name`}
                  label={t('newOrder.itemName')}
                  value={l.name}
                  onChange={(e) => setLine(i, { name: e.target.value })}
                  error={errors[`${p}.item.name`]}
                  className="span-2"
                />
                <TextField
                  name={`${p}.item.buyerItemId`}
                  label={t('newOrder.buyerItemId')}
                  optional
                  value={l.buyerItemId}
                  onChange={(e) => setLine(i, { buyerItemId: e.target.value })}
                  error={errors[`${p}.item.buyerItemId`]}
                />
                <TextField
                  name={`${p}.item.sellerItemId`}
                  label={t('newOrder.sellerItemId')}
                  optional
                  value={l.sellerItemId}
                  onChange={(e) => setLine(i, { sellerItemId: e.target.value })}
                  error={errors[`${p}.item.sellerItemId`]}
                />
                <SelectField
                  name={`${p}.unitCode`}
                  label={t('newOrder.unit')}
                  value={l.unitCode}
                  onChange={(e) => setLine(i, { unitCode: e.target.value })}
                  error={errors[`${p}.unitCode`]}
                >
                  {units.map((u) => (
                    <option key={u} value={u}>
                      {t('newOrder.unitOption', {
                        unit: unitLabel(u),
                        name: t(`unitNames.${u as 'C62'}`, { defaultValue: u }),
                        code: u,
                      })}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  name={`${p}.price.amount`}
                  label={t('newOrder.price', { currency })}
                  inputMode="decimal"
                  autoComplete="off"
                  value={l.price}
                  onChange={(e) => setLine(i, { price: e.target.value })}
                  error={errors[`${p}.price.amount`]}
                />
                <TextField
                  name={`${p}.price.baseQuantity`}
                  label={t('newOrder.per', { unit: unitLabel(l.unitCode) })}
                  hint={t('newOrder.perHint')}
                  inputMode="decimal"
                  autoComplete="off"
                  value={l.baseQuantity}
                  onChange={(e) => setLine(i, { baseQuantity: e.target.value })}
                  error={errors[`${p}.price.baseQuantity`]}
                />
              </div>
              <ScheduleEditor
                rows={l.schedule}
                onChange={(schedule) => setLine(i, { schedule })}
                errors={errors}
                unitCode={l.unitCode}
                prefix={`${p}.schedule`}
              />
            </section>
          );
        })}

        <p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setLines([...lines, emptyLine()])}
          >
            {t('newOrder.addLine')}
          </button>
        </p>

        <div className="form-footer">
          <p className="order-total">
            {t('newOrder.total', { total: formatMoney(total.toFixed(2), currency) })}
          </p>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('common.busy') : t('newOrder.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
