/**
 * DNS-rebinding defence: the API answers only requests whose Host names this server — the loopback
 * names, the configured bind host, and NEOLIGHT_API_ALLOWED_HOSTS — on any port. A page on
 * attacker.example whose name was re-pointed at 127.0.0.1 still sends `Host: attacker.example`
 * and gets 421. With a token configured, a request carrying the right token is served whatever its
 * Host (the page cannot know the token). An absolute-form request line (`GET http://h/status`) has
 * its authority checked as well as the Host header.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { carriesToken } from './auth.js';
import { errorBody } from './errors.js';
import { routeConfig } from './route-access.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** The host names (lower-case, IPv6 in brackets) this server answers to. */
export function servedHostNames(config: Pick<Config, 'apiHost' | 'apiAllowedHosts'>): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = config.apiHost.toLowerCase();
  if (!WILDCARD_BINDS.has(bound)) names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  for (const h of config.apiAllowedHosts ?? []) names.add(h);
  return names;
}

/** `name`, `name:port`, `[v6]` or `[v6]:port` → the lower-case name; undefined when malformed. */
export function hostNameOf(authority: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+)(?::\d{1,5})?$/i.exec(authority);
  return m?.[1]?.toLowerCase();
}

/**
 * The authorities a request claims: its Host header and, for an absolute-form request line, the
 * request line's own authority. `null` stands for a missing or unparsable one.
 */
export function claimedAuthorities(req: FastifyRequest): (string | null)[] {
  const out: (string | null)[] = [req.headers.host ?? null];
  const raw = req.raw.url ?? '/';
  if (!raw.startsWith('/')) {
    try {
      out.push(new URL(raw).host);
    } catch {
      out.push(null);
    }
  }
  return out;
}

export function hostAllowed(authority: string | null, served: ReadonlySet<string>): boolean {
  const name = authority === null ? undefined : hostNameOf(authority);
  return name !== undefined && served.has(name);
}

export function installHostCheck(app: FastifyInstance, config: Config): void {
  const served = servedHostNames(config);
  app.addHook('onRequest', async (req, reply) => {
    if (routeConfig(req).anyHost) return;
    const bad = claimedAuthorities(req).find((a) => !hostAllowed(a, served));
    if (bad === undefined || carriesToken(req, config.apiToken)) return;
    const shown = bad === null ? 'a missing or malformed host' : JSON.stringify(bad.slice(0, 100));
    return reply
      .code(421)
      .send(errorBody('NL_ERR_HOST_NOT_ALLOWED', `this server does not answer to ${shown}; add the name to NEOLIGHT_API_ALLOWED_HOSTS if it is yours`, 'host_not_allowed'));
  });
}
