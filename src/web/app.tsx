// The app: who is signed in, which page the URL names, and the frame around it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setUnauthenticatedHandler } from './http/client.ts';
import { LiveProvider } from './http/live.tsx';
import { apiFirst, preload } from './http/preload.ts';
import { TasksProvider } from './http/tasks.tsx';
import type { Me, SessionState } from './http/types.ts';
import { AnnouncerProvider } from './components/Announcer.tsx';
import { Shell } from './components/Shell.tsx';
import { DocumentPage } from './pages/ubl/DocumentPage.tsx';
import { UploadPage } from './pages/ubl/UploadPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NewOrderPage } from './pages/NewOrderPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OrderDetailPage } from './pages/order/OrderDetailPage.tsx';
import { OrderListPage } from './pages/OrderListPage.tsx';
import { PartnersPage } from './pages/PartnersPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { TasksPage } from './pages/TasksPage.tsx';
import { navigate, routeOf, useLocation, type Route } from './router.tsx';
import { forgetSessionHint, hasSessionHint, MeContext } from './session.ts';

type Session = { state: 'loading' } | { state: 'out'; expired: boolean } | { state: 'in'; me: Me };

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'tasks':
      return <TasksPage />;
    case 'orders':
      return <OrderListPage key={route.role} role={route.role} />;
    case 'newOrder':
      return <NewOrderPage />;
    case 'order':
      return <OrderDetailPage key={route.id} id={route.id} />;
    case 'upload':
      return <UploadPage />;
    case 'document':
      return <DocumentPage key={route.id} id={route.id} />;
    case 'partners':
      return <PartnersPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <NotFoundPage />;
  }
}

/**
 * Starts loading what the first page shows, before the session is checked: the page's main data first,
 * then the session and the task count of the navigation. Sections below the fold load after the page.
 * Without the session hint only the session is asked for (GET /session answers 200 either way), so that
 * a visit without a session gets no 401s.
 */
export function preloadFirstPage(route: Route): void {
  if (!hasSessionHint()) {
    preload(['/session']);
    return;
  }
  const main = route.name === 'order' ? [`/orders/${route.id}`] : route.name === 'tasks' ? ['/tasks'] : [];
  preload([...main, '/session', ...(main.includes('/tasks') ? [] : ['/tasks'])]);
}

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const location = useLocation();
  const route = routeOf(location.path);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      forgetSessionHint();
      setSession({ state: 'out', expired: true });
    });
    apiFirst<SessionState>('/session')
      .then((s) => {
        if (s.authenticated) {
          setSession({ state: 'in', me: s.me });
        } else {
          forgetSessionHint();
          setSession({ state: 'out', expired: false });
        }
      })
      .catch(() => setSession({ state: 'out', expired: false }));
  }, []);

  // After the user navigates, focus the new page's heading (not on the first load: the page starts there).
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (lastPath.current !== null && lastPath.current !== location.path) {
      document.getElementById('page-title')?.focus();
    }
    lastPath.current = location.path;
  }, [location.path]);

  useEffect(() => {
    if (session.state === 'in' && route.name === 'login') navigate('/', { replace: true });
  }, [session.state, route.name]);

  if (session.state === 'loading') {
    return (
      <p className="loading-app" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (session.state === 'out') {
    return (
      <AnnouncerProvider>
        <LoginPage expired={session.expired} onLoggedIn={(me) => setSession({ state: 'in', me })} />
      </AnnouncerProvider>
    );
  }
  const logout = (): void => {
    void api('/session', { method: 'DELETE' }).finally(() => {
      setSession({ state: 'out', expired: false });
      navigate('/login');
    });
  };
  return (
    <MeContext.Provider value={session.me}>
      <AnnouncerProvider>
        <LiveProvider>
          <TasksProvider>
            <Shell route={route} onLogout={logout}>
              <Page route={route} />
            </Shell>
          </TasksProvider>
        </LiveProvider>
      </AnnouncerProvider>
    </MeContext.Provider>
  );
}
