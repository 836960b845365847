// One undelivered document in the task list: what it was, why it failed, a link to its order and a
// resend button beside it (a button cannot sit inside the link).
import { useTranslation } from 'react-i18next';
import type { Task } from '../http/types.ts';
import { formatDate, formatRelative } from '../lib/format.ts';
import { problemText } from '../lib/problems.ts';
import { useResend } from '../lib/use-resend.ts';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { Alert } from './Alert.tsx';

/** The task's row; `onResent` reloads the list once the message is queued again. */
export function UndeliveredTask({ task, onResent }: { task: Task; onResent: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { busy, error, resend } = useResend();

  async function resendTask() {
    if (task.messageId && (await resend(task.messageId))) onResent();
  }

  return (
    <div className="task-undelivered">
      <Link to={`/orders/${task.orderId}`} className="task-link">
        <span className="task-main">
          <span className="task-order">{task.orderNumber}</span>
          <span className="task-partner">{task.partner}</span>
        </span>
        <span className="task-meta">
          <span>{t('tasks.undelivered.document', { type: task.documentType ?? '' })}</span>
          {task.lastError ? <span>{t('tasks.undelivered.error', { error: task.lastError })}</span> : null}
          <span>
            {t('tasks.since.since', { when: formatRelative(task.since), date: formatDate(task.since) })}
          </span>
        </span>
        <span className="task-cta">
          {t('tasks.kind.document_undelivered.action')} <span aria-hidden="true">→</span>
        </span>
      </Link>
      {me.role !== 'viewer' ? (
        <button
          type="button"
          className="button-primary"
          disabled={busy !== null}
          onClick={() => void resendTask()}
        >
          {busy ? t('tasks.undelivered.resending') : t('tasks.undelivered.resend')}
        </button>
      ) : null}
      {error ? <Alert>{problemText(t, error.error)}</Alert> : null}
    </div>
  );
}
