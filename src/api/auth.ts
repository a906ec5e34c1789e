/**
 * Bearer-token auth. Bound to loopback, the API is open (the specification's local-only default);
 * bound anywhere else it refuses to start without NEOLIGHT_API_TOKEN, and then every route but
 * /healthz and the dashboard's static files needs `Authorization: Bearer <token>`. /events also
 * takes `?token=` because a browser's EventSource cannot send headers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { NeoLightError } from '../core/errors.js';
import { errorBody } from './errors.js';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Throws when the bind address needs a token and none is configured. */
export function assertBindAllowed(config: Config): void {
  if (!isLoopback(config.apiHost) && !config.apiToken) {
    throw new NeoLightError(
      'NL_ERR_BAD_CONFIG',
      `refusing to bind the API to ${config.apiHost} without a token: set NEOLIGHT_API_TOKEN (16+ characters), or bind to 127.0.0.1`,
    );
  }
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const OPEN = (path: string): boolean => path === '/healthz' || !(path.startsWith('/api/') || path === '/status' || path === '/metrics' || path === '/events');

export function installAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (req: FastifyRequest, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (OPEN(path)) return;
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const query = path === '/events' ? new URL(req.url, 'http://x').searchParams.get('token') ?? undefined : undefined;
    const given = bearer ?? query;
    if (given !== undefined && sameToken(given, token)) return;
    return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('NL_ERR_UNAUTHORIZED', 'missing or wrong bearer token'));
  });
}
