// Settings: the company and its identifiers, its users and roles, and API tokens for ERP integrations
// (a new token's secret is shown once; tokens can be revoked).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../http/client.ts';
import type { ApiToken, Company, CreatedToken, Items, User, UserRole } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { Badge } from '../components/Badge.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { focusFirstError, SelectField, TextField } from '../components/Field.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { fieldErrors, problemText } from '../lib/problems.ts';
import { useLoad, useReadyMark } from '../lib/use-load.ts';
import { isAdmin, useMe } from '../session.ts';

const ROLES: readonly UserRole[] = ['admin', 'purchasing', 'sales', 'viewer'];

/** Identifier schemes people recognise, by ISO 6523 ICD / Peppol EAS code. */
const SCHEMES: Record<string, string> = {
  '0088': 'GLN',
  '0106': 'KvK',
  '0190': 'OIN',
  '9944': 'BTW',
  '0208': 'KBO',
  '9930': 'USt-IdNr.',
  '0060': 'DUNS',
};

export function IdentifierList({ company }: { company: Company }) {
  const { t } = useTranslation();
  return (
    <ul className="identifiers">
      {company.identifiers.map((i) => (
        <li key={`${i.scheme}:${i.value}`}>
          <abbr title={t('settings.scheme', { scheme: i.scheme })}>{SCHEMES[i.scheme] ?? i.scheme}</abbr>{' '}
          <span className="mono">{i.value}</span>
          {i.primary ? <span className="muted"> ({t('settings.primary')})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function CompanyCard() {
  const { t } = useTranslation();
  const company = useLoad((signal) => api<Company>('/company', { signal }), []);
  return (
    <section className="card" aria-labelledby="company-title">
      <h2 id="company-title">{t('settings.company')}</h2>
      {company.error ? <Alert>{problemText(t, company.error)}</Alert> : null}
      {company.data ? (
        <dl className="summary">
          <div>
            <dt>{t('settings.name')}</dt>
            <dd>{company.data.name}</dd>
          </div>
          <div>
            <dt>{t('settings.place')}</dt>
            <dd>{[company.data.city, company.data.country].filter(Boolean).join(', ') || '—'}</dd>
          </div>
          <div className="summary-wide">
            <dt>{t('settings.identifiers')}</dt>
            <dd>
              <IdentifierList company={company.data} />
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}

function UsersCard() {
  const { t } = useTranslation();
  const users = useLoad((signal) => api<Items<User>>('/company/users', { signal }), []);
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      <p className="hint">{t('settings.usersHint')}</p>
      {users.error ? <Alert>{problemText(t, users.error)}</Alert> : null}
      {users.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('settings.userName')}</th>
                <th scope="col">{t('settings.email')}</th>
                <th scope="col">{t('settings.role')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>
                    {t(`roles.${u.role}.name`)}
                    <span className="muted role-help"> — {t(`roles.${u.role}.help`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function TokensCard() {
  const { t } = useTranslation();
  const tokens = useLoad((signal) => api<Items<ApiToken>>('/tokens', { signal }), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('admin');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setGeneral(null);
    setNotice(null);
    if (!name.trim()) {
      setError(t('tokens.nameRequired'));
      focusFirstError(['tokenName']);
      return;
    }
    setError(null);
    try {
      const token = await api<CreatedToken>('/tokens', { method: 'POST', body: { name: name.trim(), role } });
      setCreated(token);
      setCopied(false);
      setName('');
      void tokens.reload();
    } catch (err) {
      const r = fieldErrors(t, err, (f) => (f === 'name' ? 'tokenName' : null));
      setError(r.fields.tokenName ?? null);
      setGeneral(r.general);
    }
  };

  const revoke = async (token: ApiToken): Promise<void> => {
    try {
      await api(`/tokens/${token.id}`, { method: 'DELETE' });
      setNotice(t('tokens.revoked', { name: token.name }));
    } catch (err) {
      if (!(isApiError(err) && err.status === 404)) setGeneral(problemText(t, err));
    }
    setRevoking(null);
    void tokens.reload();
  };

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <p className="hint">{t('tokens.intro')}</p>
      {general ? <Alert>{general}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {created ? (
        <div className="secret-box" role="status">
          <p>
            <strong>{t('tokens.createdTitle', { name: created.name })}</strong>
          </p>
          <p>{t('tokens.showOnce')}</p>
          <p>
            <label htmlFor="new-token-secret" className="sr-only">
              {t('tokens.secretLabel')}
            </label>
            <input
              id="new-token-secret"
              className="mono secret"
              readOnly
              value={created.secret}
              onFocus={(e) => e.target.select()}
            />
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => {
                void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true));
              }}
            >
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </button>
            <button type="button" className="button-plain button-small" onClick={() => setCreated(null)}>
              {t('tokens.hideSecret')}
            </button>
          </div>
        </div>
      ) : null}
      <form className="inline-form" onSubmit={(e) => void create(e)} noValidate>
        <TextField
          name="tokenName"
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={error}
          autoComplete="off"
        />
        <SelectField
          name="tokenRole"
          label={t('tokens.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as UserRole)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}.name`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-primary">
          {t('tokens.create')}
        </button>
      </form>
      {tokens.error ? <Alert>{problemText(t, tokens.error)}</Alert> : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.role')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((tok) => (
                <tr key={tok.id}>
                  <th scope="row">{tok.name}</th>
                  <td className="mono">{tok.prefix}…</td>
                  <td>{t(`roles.${tok.role}.name`)}</td>
                  <td>{formatDate(tok.createdAt)}</td>
                  <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('tokens.never')}</td>
                  <td>
                    {tok.revokedAt ? (
                      <Badge tone="muted">{t('tokens.revokedState')}</Badge>
                    ) : (
                      <Badge tone="good">{t('tokens.active')}</Badge>
                    )}
                  </td>
                  <td>
                    {tok.revokedAt ? null : (
                      <button
                        type="button"
                        className="button-danger-quiet button-small"
                        onClick={() => setRevoking(tok)}
                      >
                        {t('tokens.revoke')}
                        <span className="sr-only"> {tok.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {revoking ? (
        <Dialog title={t('tokens.revokeTitle', { name: revoking.name })} onClose={() => setRevoking(null)}>
          <p>{t('tokens.revokeText')}</p>
          <div className="dialog-actions">
            <button type="button" className="button-danger" onClick={() => void revoke(revoking)}>
              {t('tokens.revokeConfirm')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  useReadyMark('settings', true);
  const admin = isAdmin(me.role);
  return (
    <div className="page">
      <PageTitle title={t('settings.title')} />
      <p className="lead">
        {t('settings.signedInAs', { name: me.actor.name, role: t(`roles.${me.role}.name`) })}
      </p>
      <CompanyCard />
      {admin ? (
        <>
          <UsersCard />
          <TokensCard />
        </>
      ) : (
        <Alert tone="info">{t('settings.adminOnly')}</Alert>
      )}
    </div>
  );
}
