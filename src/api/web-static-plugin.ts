// Serves the web app, built by `npm run build` into dist/web, at `/`: its files as they are, and
// index.html for every other path outside /api, so that a deep link such as /orders/<id> opens the app.
// Without a build, `/` says how to make one instead of failing obscurely; the API works either way.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the web app. */
export const WEB_ROOT = join(import.meta.dirname, '..', '..', 'dist', 'web');

/** The app loads nothing from elsewhere and is never framed. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  // The page names the current asset files: always ask whether it changed.
  reply.header('cache-control', 'no-cache');
}

/** Paths that are never app pages: the API, and anything that looks like a file. */
const notAPage = (url: string): boolean => {
  const path = url.split('?')[0] ?? '';
  return path.startsWith('/api/') || path === '/api' || /\/[^/]+\.[a-z0-9]+$/i.test(path);
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Schakel: web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The Schakel web app is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm install</code>, which builds it too) in the Schakel
directory and restart the node.</p>
<p>The API works without it: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> describes it.</p>
</body></html>
`;

/** The plugin serving the web app from `root` (default dist/web). */
export function webStaticPlugin(root: string = WEB_ROOT) {
  return async (app: FastifyInstance): Promise<void> => {
    const hide = { schema: { hide: true } };
    if (!existsSync(join(root, 'index.html'))) {
      app.get('/*', hide, (request: FastifyRequest, reply: FastifyReply) => {
        if (notAPage(request.url)) return reply.callNotFound();
        return reply.code(503).header('cache-control', 'no-store').type('text/html').send(NOT_BUILT);
      });
      return;
    }
    // wildcard: false serves exactly the files present at start (a build is immutable), so the
    // catch-all route below can answer everything else.
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        if (path.endsWith('.html')) pageHeaders(reply);
        // Asset names carry a content hash: a changed file has another name.
        else if (path.includes('/assets/'))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        else reply.header('cache-control', 'no-cache');
      },
    });
    app.get('/*', hide, (request: FastifyRequest, reply: FastifyReply) => {
      if (notAPage(request.url)) return reply.callNotFound();
      pageHeaders(reply);
      return reply.sendFile('index.html');
    });
  };
}
