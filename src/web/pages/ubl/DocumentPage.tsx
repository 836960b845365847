// One exchanged document: what the node recorded (type, number, direction, status, the validator's
// findings), a formatted view of its content and the original UBL as text, with a download.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api, requestText } from '../../http/client.ts';
import type { DocumentInfo } from '../../http/types.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { problemText } from '../../lib/problems.ts';
import { readUblView } from '../../lib/ubl-view.ts';
import { useLoad, useReadyMark } from '../../lib/use-load.ts';
import { Link } from '../../router.tsx';
import { FindingsList, findingsSummary } from './FindingsList.tsx';
import { UblFormatted } from './UblFormatted.tsx';
import { useDocumentTypeName } from './document-type-name.ts';
import './documents.css';

const TABS = ['formatted', 'raw'] as const;
type Tab = (typeof TABS)[number];

export function DocumentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const typeName = useDocumentTypeName();
  const meta = useLoad((signal) => api<DocumentInfo>(`/documents/${id}`, { signal }), [id]);
  const content = useLoad((signal) => requestText(`/documents/${id}/content`, signal), [id]);
  const view = useMemo(
    () => (content.data === undefined ? undefined : readUblView(content.data)),
    [content.data],
  );
  const [tab, setTab] = useState<Tab>('formatted');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ formatted: null, raw: null });
  useReadyMark('document', meta.data !== undefined && content.data !== undefined);

  const d = meta.data;
  const title = d ? `${typeName(d.documentType)} ${d.number}` : t('document.title');

  // Arrow keys move between the tabs (WAI-ARIA tabs pattern, automatic activation).
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="page document-page">
      <p className="breadcrumb">
        {d?.orderId ? (
          <Link to={`/orders/${d.orderId}#documents`}>
            <span aria-hidden="true">← </span>
            {t('document.backToOrder')}
          </Link>
        ) : (
          <Link to="/documents/upload">
            <span aria-hidden="true">← </span>
            {t('nav.upload')}
          </Link>
        )}
      </p>
      <PageTitle title={title} />
      {meta.error ? <Alert>{problemText(t, meta.error)}</Alert> : null}
      {!d && !meta.error ? <p role="status">{t('common.loading')}</p> : null}
      {d ? (
        <>
          <dl className="summary">
            <div>
              <dt>{t('documents.document')}</dt>
              <dd>{typeName(d.documentType)}</dd>
            </div>
            <div>
              <dt>{t('documents.number')}</dt>
              <dd>{d.number}</dd>
            </div>
            {d.issueDate ? (
              <div>
                <dt>{t('ubl.issueDate')}</dt>
                <dd>{formatDate(d.issueDate)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('documents.direction')}</dt>
              <dd>{t(`documents.directions.${d.direction}`)}</dd>
            </div>
            <div>
              <dt>{t('documents.status')}</dt>
              <dd>
                <Badge tone={d.status === 'rejected' ? 'bad' : d.status === 'processed' ? 'good' : 'info'}>
                  {t(`documents.statuses.${d.status}`)}
                </Badge>
              </dd>
            </div>
            <div>
              <dt>{t('documents.at')}</dt>
              <dd>{formatDateTime(d.createdAt)}</dd>
            </div>
            {d.profile ? (
              <div>
                <dt>{t('document.profile')}</dt>
                <dd>{d.profile}</dd>
              </div>
            ) : null}
          </dl>

          {d.findings.length > 0 ? (
            <section className="card findings-card" aria-labelledby="findings-title">
              <h2 id="findings-title">{t('document.findings')}</h2>
              <p className="outcome-summary">{findingsSummary(t, d.findings)}</p>
              <FindingsList findings={d.findings} />
            </section>
          ) : null}

          <section className="card" aria-labelledby="content-title">
            <div className="card-head">
              <h2 id="content-title">{t('document.content')}</h2>
              <a
                className="button button-secondary button-small"
                href={`/api/v1/documents/${d.id}/content`}
                download={`${d.documentType}-${d.number}.xml`}
              >
                {t('documents.download')}
                <span className="sr-only"> {title}</span>
              </a>
            </div>
            <div className="tabs" role="tablist" aria-label={t('document.views')}>
              {TABS.map((name) => (
                <button
                  key={name}
                  ref={(el) => {
                    tabRefs.current[name] = el;
                  }}
                  type="button"
                  role="tab"
                  id={`tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls={`panel-${name}`}
                  tabIndex={tab === name ? 0 : -1}
                  className="tab"
                  onClick={() => setTab(name)}
                  onKeyDown={onTabKey}
                >
                  {t(`document.tab.${name}`)}
                </button>
              ))}
            </div>
            {content.error ? <Alert>{problemText(t, content.error)}</Alert> : null}
            {content.data === undefined && !content.error ? <p role="status">{t('common.loading')}</p> : null}
            <div
              role="tabpanel"
              id="panel-formatted"
              aria-labelledby="tab-formatted"
              hidden={tab !== 'formatted'}
              className="tab-panel"
            >
              {view === null ? <p>{t('document.unreadable')}</p> : null}
              {view ? <UblFormatted view={view} /> : null}
            </div>
            <div
              role="tabpanel"
              id="panel-raw"
              aria-labelledby="tab-raw"
              hidden={tab !== 'raw'}
              className="tab-panel"
            >
              {content.data !== undefined ? (
                // Text, never markup: React escapes it, so the document cannot inject anything.
                <pre className="xml-raw" tabIndex={0} aria-label={t('document.rawLabel', { title })}>
                  {content.data}
                </pre>
              ) : null}
            </div>
          </section>
        </>
      ) : null}
    </div>
  );
}
