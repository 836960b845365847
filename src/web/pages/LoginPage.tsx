// Sign in with e-mail and password (the node sets an HttpOnly session cookie).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../http/client.ts';
import type { Me } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { focusFirstError, TextField } from '../components/Field.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { problemText } from '../lib/problems.ts';
import { useReadyMark } from '../lib/use-load.ts';

export function LoginPage({ expired, onLoggedIn }: { expired: boolean; onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useReadyMark('login', true);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!email.trim()) next.email = t('login.emailRequired');
    else if (!/^\S+@\S+$/.test(email.trim())) next.email = t('login.emailInvalid');
    if (!password) next.password = t('login.passwordRequired');
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length) {
      focusFirstError(Object.keys(next));
      return;
    }
    setBusy(true);
    try {
      await api('/session', { method: 'POST', body: { email: email.trim(), password }, quiet401: true });
      onLoggedIn(await api<Me>('/me'));
    } catch (err) {
      setFailure(isApiError(err) && err.status === 401 ? t('login.wrongCredentials') : problemText(t, err));
      setBusy(false);
    }
  };

  return (
    <div className="login-screen">
      <header className="login-language">
        <LanguageSwitch />
      </header>
      <main id="main" className="login-card">
        <div className="login-brand">
          <Logo size={40} />
          <span>Schakel</span>
        </div>
        <PageTitle title={t('login.title')} />
        <p className="lead">{t('login.intro')}</p>
        {expired ? <Alert tone="info">{t('login.expired')}</Alert> : null}
        {failure ? <Alert>{failure}</Alert> : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <TextField
            name="email"
            label={t('login.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.email}
          />
          <TextField
            name="password"
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          <button type="submit" className="button-primary button-block" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
