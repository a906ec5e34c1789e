/**
 * How a route declares who may call it, in its fastify route `config`. The guards read these from
 * the route the router MATCHED (`request.routeOptions.config`), never from the raw URL, so
 * `/%61pi/...` or `GET http://host/status` is judged as the route it reaches. Deny by default:
 * a route without `public: true` needs the token whenever one is configured.
 */
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the API token: the dashboard's static files and /healthz. */
    public?: boolean;
    /** Answered whatever the Host header names: a liveness probe (kubelet sends the pod IP) that reveals nothing. */
    anyHost?: boolean;
    /** Also accepts the token as `?token=` (a browser's EventSource cannot send headers). */
    tokenInQuery?: boolean;
  }
}

export const PUBLIC = { public: true } as const;

export function routeConfig(req: FastifyRequest): { public: boolean; anyHost: boolean; tokenInQuery: boolean } {
  const c = req.routeOptions.config;
  return { public: c.public === true, anyHost: c.anyHost === true, tokenInQuery: c.tokenInQuery === true };
}
