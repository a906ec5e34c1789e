/**
 * The status API and dashboard server (fastify). Route groups are plugins: status, metrics,
 * events, data, performance, content, ventures, sports, approvals, and the dashboard's static files. Every request passes, in order:
 * security headers, the Host check, the token check on the matched route, the cross-site rule for
 * mutating requests (docs/security.md). Not listening: the guardian calls `listen` on the
 * configured host and port.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import { openStore } from '../store/open.js';
import { assertBindAllowed, installAuth } from './auth.js';
import { installCrossSiteGuard } from './cross-site.js';
import { installErrorHandlers } from './errors.js';
import { createEventHub } from './event-hub.js';
import { installHostCheck } from './host-check.js';
import { PUBLIC } from './route-access.js';
import { approvalRoutes } from './routes/approvals.js';
import { dataRoutes } from './routes/data.js';
import { eventRoutes } from './routes/events.js';
import { metricsRoutes } from './routes/metrics.js';
import { performanceRoutes } from './routes/performance.js';
import { contentRoutes } from './routes/content.js';
import { sportsRoutes } from './routes/sports.js';
import { ventureRoutes } from './routes/ventures.js';
import { statusRoutes } from './routes/status.js';
import { installSecurityHeaders } from './security-headers.js';
import type { SupervisorView } from './supervisor-view.js';

export interface ApiOptions {
  config: Config;
  supervisor: SupervisorView;
  /** Built dashboard (web/dist); served at / when it exists. */
  webDist?: string;
  logger?: Logger;
  statusEveryMs?: number;
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function createApiServer(opts: ApiOptions): Promise<FastifyInstance> {
  const { config, supervisor } = opts;
  assertBindAllowed(config);
  // Request lines at info level would drown the log in dashboard polls: warnings and errors only.
  const logger = opts.logger?.child({}, { level: 'warn' });
  const app = Fastify({ loggerInstance: logger, forceCloseConnections: true }) as unknown as FastifyInstance;
  installErrorHandlers(app);
  installSecurityHeaders(app);
  installHostCheck(app, config);
  installAuth(app, config.apiToken);
  installCrossSiteGuard(app);
  const store = openStore({ home: config.home, storeUrl: config.store });
  const deps = { home: config.home, config, store, supervisor };
  const hub = createEventHub(config.home, store, supervisor);
  app.addHook('onClose', async () => {
    hub.close();
    store.close();
  });

  await app.register(statusRoutes(deps));
  await app.register(metricsRoutes(deps));
  await app.register(eventRoutes(deps, hub, opts.statusEveryMs));
  await app.register(dataRoutes(config.home, store));
  await app.register(performanceRoutes(store));
  await app.register(contentRoutes(store));
  await app.register(ventureRoutes(store));
  await app.register(sportsRoutes(store));
  await app.register(approvalRoutes(store, config.apiTokenLabel));

  await app.register(dashboardRoutes(opts.webDist ?? DEFAULT_WEB_DIST));
  return app;
}

/** The dashboard's files, public by design: every route registered in this scope is marked so. */
function dashboardRoutes(webDist: string) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, ...PUBLIC };
    });
    if (existsSync(`${webDist}/index.html`)) {
      await scope.register(fastifyStatic, { root: webDist, prefix: '/', index: ['index.html'] });
      return;
    }
    scope.get('/', async (_req, reply) =>
      reply
        .type('text/html')
        .send('<!doctype html><title>NeoLight</title><h1>NeoLight status API</h1><p>The dashboard is not built. Run <code>npm run build</code>, then reload. The API answers at <a href="/status">/status</a>.</p>'),
    );
  };
}
