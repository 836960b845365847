// The HTTP app of one node: JSON-only REST under /api/v1 with zod validation, OpenAPI, authentication
// and RFC 9457 errors. Routes are thin: validate, call one use case, serialise.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Services } from '../app/node.ts';
import { installAuth } from './auth-plugin.ts';
import { openApiRoutes, registerOpenApi } from './openapi-plugin.ts';
import { installProblemHandlers } from './problem-details.ts';
import { companyRoutes } from './routes/company-routes.ts';
import { despatchRoutes } from './routes/despatch-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { eventRoutes } from './routes/event-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { keyRoutes } from './routes/key-routes.ts';
import { networkRoutes } from './routes/network-routes.ts';
import { outboxRoutes } from './routes/outbox-routes.ts';
import { orderActionRoutes } from './routes/order-action-routes.ts';
import { orderRoutes } from './routes/order-routes.ts';
import { problemRoutes } from './routes/problem-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { taskRoutes } from './routes/task-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { webStaticPlugin } from './web-static-plugin.ts';

export interface AppOptions {
  /** true for fastify's default logger, or logger options (e.g. a level and a destination stream). */
  logger?: FastifyServerOptions['logger'];
  /** Maximum request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Trust X-Forwarded-* from a reverse proxy (for https detection and client addresses). */
  trustProxy?: boolean;
}

/** Builds the HTTP app for one node over the given services. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Fastify's default of 10 s is about a hung plugin, not a slow one: on a busy machine (CI, several
    // nodes on two cores) registering the static files and the OpenAPI document can take longer.
    pluginTimeout: 120_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: refusing text/plain also refuses the one body a cross-site form can send without CORS.
  app.removeContentTypeParser('text/plain');
  installProblemHandlers(app);
  app.addHook('onSend', (_request, reply, _payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    // Orders and tokens are company data: never let a shared cache keep them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done();
  });

  await app.register(cookie);
  await registerOpenApi(app);
  await app.register(healthRoutes(services));
  await app.register(networkRoutes(services));
  await app.register(
    async (api) => {
      installAuth(api, services);
      await api.register(openApiRoutes());
      await api.register(problemRoutes());
      await api.register(sessionRoutes(services));
      await api.register(tokenRoutes(services));
      await api.register(companyRoutes(services));
      await api.register(orderRoutes(services));
      await api.register(orderActionRoutes(services));
      await api.register(despatchRoutes(services));
      await api.register(taskRoutes(services));
      await api.register(outboxRoutes(services));
      await api.register(keyRoutes(services));
      await api.register(documentRoutes(services));
      await api.register(eventRoutes(services));
    },
    { prefix: '/api/v1' },
  );
  await app.register(webStaticPlugin());
  return app;
}
