/**
 * Bearer-token auth. Bound to loopback without a token, the API is open (the specification's
 * local-only default); bound anywhere else it refuses to start without NEOLIGHT_API_TOKEN. With a
 * token set, every route the router matched needs `Authorization: Bearer <token>` unless the route
 * is marked public (route-access.ts) — unknown paths too. Routes marked `tokenInQuery` (/events)
 * also take `?token=`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { NeoLightError } from '../core/errors.js';
import { errorBody } from './errors.js';
import { routeConfig } from './route-access.js';

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

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Compares fixed-length digests, so neither the length nor a common prefix of the token leaks through timing. */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token the request presents: the bearer header, or `?token=` on routes that accept it. */
export function presentedToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  if (!routeConfig(req).tokenInQuery) return undefined;
  const q = new URLSearchParams(req.url.split('?')[1] ?? '').get('token');
  return q ?? undefined;
}

export function carriesToken(req: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const given = presentedToken(req);
  return given !== undefined && sameToken(given, token);
}

export function installAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  app.addHook('onRequest', async (req, reply) => {
    if (routeConfig(req).public || carriesToken(req, token)) return;
    return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody('NL_ERR_UNAUTHORIZED', 'missing or wrong bearer token'));
  });
}
