// The task list.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app/node.ts';
import { callerOf } from '../auth-plugin.ts';
import { problemResponses } from '../schemas/problem-schemas.ts';
import { TaskListResponse } from '../schemas/task-schemas.ts';

/** GET /tasks. */
export function taskRoutes(services: Services): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/tasks',
      {
        schema: {
          tags: ['tasks'],
          operationId: 'listTasks',
          summary: 'What needs the company’s attention now, most urgent first',
          response: { 200: TaskListResponse, ...problemResponses(401) },
        },
      },
      async (request) => ({ items: await services.listTasks(callerOf(request)) }),
    );
    done();
  };
}
