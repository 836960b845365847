// The frame of every signed-in page: skip link, header with the company, main navigation (with the
// number of open tasks), language switch, live status and logout; the page goes in <main>.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveState } from '../http/live.tsx';
import { useTasks } from '../http/tasks.tsx';
import { Link, useLocation, type Route } from '../router.tsx';
import { useMe } from '../session.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

interface NavItem {
  to: string;
  label: string;
  active: (r: Route) => boolean;
  badge?: number;
}

export function Shell({
  route,
  onLogout,
  children,
}: {
  route: Route;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const live = useLiveState();
  const { href } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuFor, setMenuFor] = useState(href);
  if (menuFor !== href) {
    // Navigating closes the menu on small screens.
    setMenuFor(href);
    setMenuOpen(false);
  }
  const tasks = useTasks();
  const taskCount = tasks.data?.items.length;

  const items: NavItem[] = [
    { to: '/', label: t('nav.tasks'), active: (r) => r.name === 'tasks', badge: taskCount },
    {
      to: '/orders/purchase',
      label: t('nav.purchaseOrders'),
      active: (r) => (r.name === 'orders' && r.role === 'buyer') || r.name === 'newOrder',
    },
    {
      to: '/orders/sales',
      label: t('nav.salesOrders'),
      active: (r) => r.name === 'orders' && r.role === 'seller',
    },
    {
      to: '/documents/upload',
      label: t('nav.upload'),
      active: (r) => r.name === 'upload',
    },
    { to: '/partners', label: t('nav.partners'), active: (r) => r.name === 'partners' },
    { to: '/settings', label: t('nav.settings'), active: (r) => r.name === 'settings' },
  ];

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <div className="brand-block">
            <Link to="/" className="brand">
              <Logo />
              Schakel
            </Link>
            <span className="company-name">{me.company.name}</span>
          </div>
          <button
            type="button"
            className="button-plain menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t('shell.menu')}
          </button>
          <div className={`topbar-menu${menuOpen ? ' open' : ''}`} id="main-nav">
            <nav aria-label={t('shell.mainNavigation')}>
              <ul className="nav-list">
                {items.map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      className="nav-link"
                      aria-current={item.active(route) ? 'page' : undefined}
                    >
                      {item.label}
                      {item.badge ? (
                        <>
                          <span className="nav-count" aria-hidden="true">
                            {item.badge}
                          </span>
                          <span className="sr-only">{t('shell.openTasks', { count: item.badge })}</span>
                        </>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="topbar-tools">
              <span className={`live live-${live}`} title={t(`shell.liveHint.${live}`)}>
                <span className="live-dot" aria-hidden="true" />
                {t(`shell.live.${live}`)}
              </span>
              <LanguageSwitch />
              <span className="user-name">{me.actor.name}</span>
              <button type="button" className="button-secondary button-small" onClick={onLogout}>
                {t('shell.logout')}
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
