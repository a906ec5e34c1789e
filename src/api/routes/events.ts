/**
 * `GET /events`: server-sent events for the dashboard. A `status` snapshot at once and every 2 s,
 * agent transitions and state-file changes as they happen, a comment ping every 15 s so proxies
 * keep the connection open. The event name is the message's `type`; the data is its JSON.
 */
import type { FastifyInstance } from 'fastify';
import type { MeshEvent } from '../../contracts/status.js';
import type { EventHub } from '../event-hub.js';
import '../route-access.js';
import { SECURITY_HEADERS } from '../security-headers.js';
import type { StatusDeps } from './status.js';
import { buildStatus } from './status.js';

export function eventRoutes(deps: StatusDeps, hub: EventHub, statusEveryMs = 2000) {
  return async (app: FastifyInstance): Promise<void> => {
    const open = new Set<() => void>();
    // End the streams before the server closes, or close() would wait on them forever.
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
    app.get('/events', { config: { tokenInQuery: true } }, (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      // Hijacked: fastify writes no headers of its own here, so the security headers are added by hand.
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (e: MeshEvent): void => {
        res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      };
      const snapshot = (): void => {
        try {
          send({ type: 'status', at: new Date().toISOString(), status: buildStatus(deps) });
        } catch (err) {
          req.log.warn({ err }, 'status snapshot failed');
        }
      };
      res.write('retry: 2000\n\n');
      snapshot();
      const unsubscribe = hub.subscribe(send);
      const statusTimer = setInterval(snapshot, statusEveryMs);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      const cleanup = (): void => {
        unsubscribe();
        clearInterval(statusTimer);
        clearInterval(ping);
        open.delete(end);
      };
      const end = (): void => {
        cleanup();
        res.end();
      };
      open.add(end);
      req.raw.once('close', cleanup);
      res.once('close', cleanup);
    });
  };
}
