// The company's open tasks, loaded once for the whole app: the navigation shows how many there are and
// the tasks page lists them, from the same request (and one reload per change, not one per reader).
import { createContext, useContext, type ReactNode } from 'react';
import { useLoad, type Loaded } from '../lib/use-load.ts';
import { useOrderChanges } from './live.tsx';
import { apiFirst } from './preload.ts';
import type { Items, Task } from './types.ts';

const TasksContext = createContext<Loaded<Items<Task>> | null>(null);

/** Loads the tasks and reads them again when an order changes (debounced). */
export function TasksProvider({ children }: { children: ReactNode }) {
  const tasks = useLoad((signal) => apiFirst<Items<Task>>('/tasks', { signal }), []);
  useOrderChanges(
    () => true,
    () => void tasks.reload(),
  );
  return <TasksContext.Provider value={tasks}>{children}</TasksContext.Provider>;
}

/** The open tasks, inside a TasksProvider. */
export function useTasks(): Loaded<Items<Task>> {
  const tasks = useContext(TasksContext);
  if (!tasks) throw new Error('useTasks outside a TasksProvider');
  return tasks;
}
