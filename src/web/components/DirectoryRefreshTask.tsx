// A directory that still holds the company's card with the old keys after a key rotation: which one, why
// the node's refresh failed and until when the directory can still take the new card. There is no page
// to go to: an administrator registers the card again (the help text above the list says how).
import { useTranslation } from 'react-i18next';
import type { Task } from '../http/types.ts';
import { formatDate, formatDateTime, formatRelative } from '../lib/format.ts';

/** The task's row (not a link). */
export function DirectoryRefreshTask({ task }: { task: Task }) {
  const { t } = useTranslation();
  return (
    <div className="task-link task-static">
      <span className="task-main">
        <span className="task-order">{task.directoryUrl ?? task.partner}</span>
        <span className="task-partner">{t('tasks.directory.card')}</span>
      </span>
      <span className="task-meta">
        {task.lastError ? <span>{t('tasks.undelivered.error', { error: task.lastError })}</span> : null}
        {task.refreshBefore ? (
          <span>{t('tasks.directory.before', { date: formatDateTime(task.refreshBefore) })}</span>
        ) : null}
        <span>
          {t('tasks.since.since', { when: formatRelative(task.since), date: formatDate(task.since) })}
        </span>
      </span>
    </div>
  );
}
