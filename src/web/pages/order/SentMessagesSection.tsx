// The documents this company sent to the partner about the order (GET /orders/{id}/deliveries): what
// each was, to whom, when, and whether it arrived — delivered with the partner's signed receipt, waiting
// for another attempt, not delivered (a dead letter, which whoever may act on the order resends), or
// rejected by the partner (its Message Level Response). Each message's delivery timeline opens on
// demand (GET /outbox/{id}). The page reloads the list when the order changes; while a message is on
// its way the list asks again by itself, because deliveries do not reach the change feed.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert.tsx';
import { useAnnounce } from '../../components/Announcer.tsx';
import { Badge } from '../../components/Badge.tsx';
import { api } from '../../http/client.ts';
import type { SentMessage, SentMessageDetail } from '../../http/types.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../lib/format.ts';
import { problemText } from '../../lib/problems.ts';
import { useLoad } from '../../lib/use-load.ts';
import { useResend } from '../../lib/use-resend.ts';
import { Link } from '../../router.tsx';
import { useDocumentTypeName } from '../ubl/document-type-name.ts';
import { eventText, refreshDelay, sentState, stateSentences, STATE_TONE } from './sent-messages.ts';

export function SentMessagesSection({
  messages,
  partnerName,
  canResend,
  reload,
}: {
  messages: SentMessage[];
  /** The order's partner, for a message whose partner has no name on this node. */
  partnerName: string;
  /** Whether the user may act on the order (and so send its documents again). */
  canResend: boolean;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const typeName = useDocumentTypeName();
  const { busy, error, resend } = useResend();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  // Ask again while a message is on its way (see refreshDelay); also after a reload that failed and so
  // left `messages` as they were.
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const delay = refreshDelay(messages);
    if (delay === null) return;
    const timer = setTimeout(() => void reloadRef.current().finally(() => setAsked((n) => n + 1)), delay);
    return () => clearTimeout(timer);
  }, [messages, asked]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  async function resendMessage(m: SentMessage) {
    if (!(await resend(m.messageId))) return;
    announce(t('tasks.undelivered.resent'));
    await reload();
    // The button is gone now: focus goes to the message's new state.
    document.getElementById(`sent-${m.messageId}-state`)?.focus();
  }

  return (
    <section className="card" aria-labelledby="sent-title" id="sent-messages">
      <h2 id="sent-title">{t('sentMessages.title')}</h2>
      {messages.length === 0 ? (
        <>
          <p className="muted">{t('sentMessages.none')}</p>
          <p className="hint">{t('sentMessages.noneHint')}</p>
        </>
      ) : (
        <>
          <p className="hint">{t('sentMessages.intro')}</p>
          <ol className="sent-list">
            {messages.map((m) => {
              const state = sentState(m);
              const partner = m.partner.name ?? partnerName;
              const name = t('sentMessages.message', { type: typeName(m.documentType), seq: m.seq });
              const isOpen = open.has(m.messageId);
              const timelineId = `sent-${m.messageId}-timeline`;
              return (
                <li key={m.messageId} className={`sent-message sent-${state}`} data-message={m.messageId}>
                  <div className="sent-head">
                    <h3>
                      {typeName(m.documentType)}
                      <span className="muted"> · {t('sentMessages.seq', { seq: m.seq })}</span>
                    </h3>
                    <Badge tone={STATE_TONE[state]}>{t(`sentMessages.state.${state}`)}</Badge>
                  </div>
                  <p className="sent-meta">
                    {t('sentMessages.to', { partner })} ·{' '}
                    <time dateTime={m.createdAt}>
                      {t('sentMessages.sentAt', { when: formatDateTime(m.createdAt) })}
                    </time>
                  </p>
                  <div className="sent-state" id={`sent-${m.messageId}-state`} tabIndex={-1}>
                    {stateSentences(t, m, partner).map((s) => (
                      <p key={s}>{s}</p>
                    ))}
                    {state === 'rejected' && m.partnerResponse?.description ? (
                      <p className="reason">
                        {t('sentMessages.label.partnerReason')} <q>{m.partnerResponse.description}</q>
                      </p>
                    ) : null}
                    {(state === 'retrying' || state === 'dead') && m.lastError ? (
                      <p className="reason">
                        {t('sentMessages.label.lastError')} <q>{m.lastError}</q>
                      </p>
                    ) : null}
                  </div>
                  <div className="button-row">
                    {state === 'dead' && canResend ? (
                      <button
                        type="button"
                        className="button-primary button-small"
                        disabled={busy !== null}
                        onClick={() => void resendMessage(m)}
                      >
                        {busy === m.messageId
                          ? t('tasks.undelivered.resending')
                          : t('tasks.undelivered.resend')}
                        <span className="sr-only"> {name}</span>
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button-secondary button-small"
                      aria-expanded={isOpen}
                      aria-controls={timelineId}
                      onClick={() => toggle(m.messageId)}
                    >
                      {isOpen ? t('sentMessages.hideTimeline') : t('sentMessages.showTimeline')}
                      <span className="sr-only"> {name}</span>
                    </button>
                    {m.partnerResponse ? (
                      <Link to={`/documents/${m.partnerResponse.documentId}`}>
                        {t('sentMessages.viewResponse')}
                        <span className="sr-only"> ({name})</span>
                      </Link>
                    ) : null}
                  </div>
                  {error?.messageId === m.messageId ? <Alert>{problemText(t, error.error)}</Alert> : null}
                  <div id={timelineId} hidden={!isOpen}>
                    {isOpen ? (
                      <MessageTimeline message={m} label={t('sentMessages.timelineOf', { message: name })} />
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

/** A message's delivery timeline, oldest first; read again whenever the message's summary changes. */
function MessageTimeline({ message: m, label }: { message: SentMessage; label: string }) {
  const { t } = useTranslation();
  const version = [m.status, m.totalAttempts, m.nextAttemptAt, m.deliveredAt, m.partnerResponse?.at].join(
    '|',
  );
  const detail = useLoad(
    (signal) => api<SentMessageDetail>(`/outbox/${encodeURIComponent(m.messageId)}`, { signal }),
    [m.messageId, version],
  );
  if (detail.error && !detail.data) return <Alert>{problemText(t, detail.error)}</Alert>;
  if (!detail.data) return <p role="status">{t('common.loading')}</p>;
  return (
    <ol className="timeline sent-timeline" aria-label={label}>
      {detail.data.timeline.map((e, i) => {
        const { text, detail: more, notes } = eventText(t, e);
        return (
          <li key={i} className={`timeline-item sent-event-${e.event}`}>
            <div className="timeline-when">
              <time dateTime={e.at}>{formatDateTimeSeconds(e.at)}</time>
            </div>
            <div className="timeline-what">
              <p className="timeline-text">{text}</p>
              {more ? (
                <p className="reason">
                  {more.label} <q>{more.value}</q>
                </p>
              ) : null}
              {notes.map((n) => (
                <p key={n} className="timeline-who">
                  {n}
                </p>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
