// Entry point of the web app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadFirstPage } from './app.tsx';
import { initI18n } from './i18n/i18n.ts';
import { routeOf } from './router.tsx';
import './styles.css';

preloadFirstPage(routeOf(window.location.pathname));

initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
