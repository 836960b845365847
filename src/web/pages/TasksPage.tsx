// Home: what needs the company's attention now, most urgent first, grouped by what to do. Every task
// links straight to the place on the order where it is done.
import { useTranslation } from 'react-i18next';
import { useTasks } from '../http/tasks.tsx';
import { TASK_ORDER } from '../../domain/tasks.ts';
import type { Task } from '../http/types.ts';
import { Alert } from '../components/Alert.tsx';
import { DirectoryRefreshTask } from '../components/DirectoryRefreshTask.tsx';
import { UndeliveredTask } from '../components/UndeliveredTask.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate, formatRelative } from '../lib/format.ts';
import { problemText } from '../lib/problems.ts';
import { useReadyMark } from '../lib/use-load.ts';
import { Link } from '../router.tsx';
import { mayBuy, useMe } from '../session.ts';

// The order a person should look at them in, as the node sorts them.
const KINDS = TASK_ORDER;

/** Where a task is done: the invoice, the one line, or the lines of the order. */
export function taskTarget(task: Task): string {
  if (task.invoiceId) return `/orders/${task.orderId}#invoice-${task.invoiceId}`;
  if (task.lineIds.length === 1) return `/orders/${task.orderId}#line-${task.lineIds[0]}`;
  return `/orders/${task.orderId}#lines`;
}

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  // The same tasks as the count in the navigation (one request; reloaded when an order changes).
  const tasks = useTasks();
  useReadyMark('tasks', tasks.data !== undefined);
  const items = tasks.data?.items ?? [];

  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('tasks.title')} />
        {mayBuy(me.role) ? (
          <Link to="/orders/new" className="button button-primary">
            {t('orders.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('tasks.intro', { company: me.company.name })}</p>
      {tasks.error ? <Alert>{problemText(t, tasks.error)}</Alert> : null}
      {tasks.data === undefined && !tasks.error ? <p role="status">{t('common.loading')}</p> : null}
      {tasks.data && items.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{t('tasks.emptyTitle')}</p>
          <p>{t('tasks.emptyText')}</p>
        </div>
      ) : null}
      {KINDS.map((kind) => {
        const group = items.filter((task) => task.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} className={`task-group task-${kind}`} aria-labelledby={`tasks-${kind}`}>
            <h2 id={`tasks-${kind}`}>
              {t(`tasks.kind.${kind}.title`)} <span className="count">{group.length}</span>
            </h2>
            <p className="task-help">{t(`tasks.kind.${kind}.help`)}</p>
            <ul className="task-list">
              {group.map((task) => (
                <li
                  key={`${task.kind}-${task.orderId}-${task.invoiceId ?? ''}-${task.messageId ?? ''}-${task.directoryUrl ?? ''}`}
                >
                  {kind === 'directory_refresh_failed' ? (
                    <DirectoryRefreshTask task={task} />
                  ) : kind === 'document_undelivered' ? (
                    <UndeliveredTask task={task} onResent={() => void tasks.reload()} />
                  ) : (
                    <Link to={taskTarget(task)} className="task-link">
                      <span className="task-main">
                        <span className="task-order">{task.orderNumber}</span>
                        <span className="task-partner">{task.partner}</span>
                      </span>
                      <span className="task-meta">
                        {task.documentType && task.lastError ? (
                          <span>
                            {task.documentType}: {task.lastError}
                          </span>
                        ) : null}
                        {task.lineIds.length > 0 ? (
                          <span>
                            {t('tasks.lines', { count: task.lineIds.length, lines: task.lineIds.join(', ') })}
                          </span>
                        ) : null}
                        <span>
                          {t(`tasks.since.${kind === 'delivery_late' ? 'due' : 'since'}`, {
                            when: formatRelative(task.since),
                            date: formatDate(task.since),
                          })}
                        </span>
                      </span>
                      <span className="task-cta">
                        {t(`tasks.kind.${kind}.action`)} <span aria-hidden="true">→</span>
                      </span>
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
