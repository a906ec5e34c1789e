/**
 * Headers on every response of the API and dashboard. The CSP allows scripts and styles only from
 * this origin and no inline code: the Vite build emits one external module script and one
 * stylesheet, React sets style props through the CSSOM (not governed by style-src), and
 * lightweight-charts injects a <style> only for its attribution logo, which the dashboard turns off.
 * No page may frame the dashboard (clickjacking of the approve button).
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** Set first thing, so refusals (401, 403, 421) and errors carry them too; the hijacked /events reply writes them itself. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
