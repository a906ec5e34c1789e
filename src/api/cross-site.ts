/**
 * Cross-site request forgery defence for every request that may change state (any method but
 * GET and HEAD). A page on another site can send a "simple" POST (no body, or a form/text body)
 * to 127.0.0.1 without a CORS preflight; it cannot send `Content-Type: application/json`, forge
 * its Origin, or hide `Sec-Fetch-Site: cross-site`. So a mutating request needs a JSON content
 * type, and, when the browser says where it comes from, it must come from this very origin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errorBody } from './errors.js';
import { claimedAuthorities, hostNameOf } from './host-check.js';

export type CrossSiteReason = 'sec_fetch_site' | 'origin' | 'content_type';

export interface MutationHeaders {
  contentType: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** `none` is a user-initiated navigation (typed URL, bookmark); everything else but same-origin came from some page. */
const ACCEPTED_FETCH_SITES = new Set(['same-origin', 'none']);

const defaultPort = (scheme: string): string => (scheme === 'https:' ? '443' : '80');
/** The explicit port of `name:port` or `[v6]:port`, undefined when there is none. */
const explicitPort = (authority: string): string | undefined => /^(?:\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(authority)?.[1];

/** True when `origin` (scheme://host[:port]) names the same host and port as the request's authority. */
export function sameOrigin(origin: string, authority: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '').toLowerCase()) return false;
  const name = hostNameOf(authority);
  // A Host without a port means the default port of the scheme the browser used (a TLS proxy in front).
  return name !== undefined && url.hostname === name && (url.port || defaultPort(url.protocol)) === (explicitPort(authority) ?? defaultPort(url.protocol));
}

/** Why a mutating request is refused, or null when it may proceed. Pure: the hook below feeds it headers. */
export function mutationRefusal(method: string, h: MutationHeaders, authority: string | null): { reason: CrossSiteReason; message: string } | null {
  if (SAFE_METHODS.has(method)) return null;
  const site = h.secFetchSite?.toLowerCase();
  if (site !== undefined && !ACCEPTED_FETCH_SITES.has(site)) return { reason: 'sec_fetch_site', message: `Sec-Fetch-Site: ${site} is refused for ${method}: state changes must come from this dashboard's own origin` };
  if (h.origin !== undefined && (authority === null || !sameOrigin(h.origin, authority)))
    return { reason: 'origin', message: `Origin ${JSON.stringify(h.origin.slice(0, 100))} is not this server's origin: ${method} requests are accepted only from the dashboard itself` };
  const media = h.contentType?.split(';')[0]?.trim().toLowerCase();
  if (media !== 'application/json') return { reason: 'content_type', message: `${method} needs Content-Type: application/json (got ${media ? JSON.stringify(media.slice(0, 100)) : 'none'}); send a JSON body, {} when there is nothing to say` };
  return null;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

export function installCrossSiteGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const authorities = claimedAuthorities(req);
    // An absolute-form request line's authority wins over Host (RFC 9112 §3.2.2).
    const authority = authorities[authorities.length - 1] ?? null;
    const refusal = mutationRefusal(req.method, { contentType: header(req, 'content-type'), origin: header(req, 'origin'), secFetchSite: header(req, 'sec-fetch-site') }, authority);
    if (refusal) return reply.code(403).send(errorBody('NL_ERR_FORBIDDEN', refusal.message, refusal.reason));
  });
}
