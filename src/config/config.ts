/**
 * Resolve the configuration once, at start: command-line flags override environment variables,
 * which override the config file, which overrides defaults. A bad value fails fast with the
 * variable's name, the value and what is accepted. Secrets never leave this module unredacted
 * except through `config.<key>` itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Mode } from '../contracts/contract.js';
import { NeoLightError } from '../core/errors.js';
import { checkDataDir } from './data-dir.js';
import { isSectionName, SECTIONS } from './sections/index.js';
import { SETTINGS, type LiveVenueKind, type SettingKey } from './settings.js';
import { unknownKeyError, validateSection } from './validate-sections.js';

export interface Config {
  home: string;
  /** NEOLIGHT_STORE: the PostgreSQL store's URL; undefined for the file store. */
  store: string | undefined;
  mode: Mode;
  timeScale: number;
  seed: number;
  /** NEOLIGHT_SIM_CRASH_AT as epoch ms: the simulated market's crash start; undefined: no crash. */
  simCrashAt: number | undefined;
  apiHost: string;
  apiPort: number;
  apiToken: string | undefined;
  /** Who the approval ledger names for decisions taken through the API. */
  apiTokenLabel: string;
  /** Extra Host-header names the API answers to (lower-case), beside loopback and apiHost. */
  apiAllowedHosts: string[] | undefined;
  orchInterval: number;
  startingEquity: number;
  repairHook: string | undefined;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Log lines also go to stdout as JSON (NEOLIGHT_LOG_STDOUT), for containers. */
  logStdout: boolean;
  /** NEOLIGHT_AGENT_PROCESSES: the light agents in shared host processes, or every agent in its own. */
  agentProcesses: 'shared' | 'own';
  configFile: string | undefined;
  /** Venues live mode may trade on (NEOLIGHT_LIVE_VENUES), without duplicates. */
  liveVenues: LiveVenueKind[] | undefined;
  ccxtExchange: string;
  ccxtApiKey: string | undefined;
  ccxtSecret: string | undefined;
  ccxtPassword: string | undefined;
  alpacaApiKeyId: string | undefined;
  alpacaApiSecretKey: string | undefined;
  alpacaBaseUrl: string | undefined;
  yahooBaseUrl: string | undefined;
  ccxtBaseUrl: string | undefined;
  telegramBotToken: string | undefined;
  telegramChatId: string | undefined;
  twitterBearerToken: string | undefined;
  redditClientId: string | undefined;
  redditSecret: string | undefined;
  githubToken: string | undefined;
  shopifyApiKey: string | undefined;
  shopifyPassword: string | undefined;
  shopifyStoreDomain: string | undefined;
  betfairApiKey: string | undefined;
  betfairUsername: string | undefined;
  betfairPassword: string | undefined;
  betfairLoginUrl: string | undefined;
  betfairBettingUrl: string | undefined;
  sportradarApiKey: string | undefined;
  stockxApiKey: string | undefined;
  stockxAccessToken: string | undefined;
  stockxBaseUrl: string | undefined;
  stubhubClientId: string | undefined;
  stubhubClientSecret: string | undefined;
  stubhubBaseUrl: string | undefined;
  stubhubTokenUrl: string | undefined;
  ebayAccessToken: string | undefined;
  ebayClientId: string | undefined;
  ebayClientSecret: string | undefined;
  ebayRefreshToken: string | undefined;
  ebayBaseUrl: string | undefined;
  goatApiKey: string | undefined;
  youtubeAccessToken: string | undefined;
  youtubeClientId: string | undefined;
  youtubeClientSecret: string | undefined;
  youtubeRefreshToken: string | undefined;
  youtubePrivacy: 'private' | 'unlisted' | 'public';
  youtubeBaseUrl: string | undefined;
  youtubeTokenUrl: string | undefined;
  /**
   * Sections of the config file (`trader`, `risk`, `schedules`, ... as listed in sections/index.ts),
   * as written: validated by their strict schemas at load; each owner reads its own with `configSection`.
   */
  sections: Record<string, unknown>;
}

export type Flags = Partial<Record<SettingKey, string | number | undefined>>;

const fileSchema = z.record(z.string(), z.unknown());

/** Where a value came from, for error messages that point at the right place. */
type Source = { kind: 'flag' | 'env' | 'file' | 'default'; name: string };

export interface LoadOptions {
  /** Check that the data directory is usable (default true); commands that never touch it (backtest) skip this. */
  dataDir?: boolean;
}

export function loadConfig(flags: Flags = {}, env: NodeJS.ProcessEnv = process.env, opts: LoadOptions = {}): Config {
  const raw = new Map<string, { value: unknown; source: Source }>();
  const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

  for (const s of SETTINGS) {
    if ('default' in s) raw.set(s.key, { value: s.default, source: { kind: 'default', name: s.env } });
  }
  // The config file location itself may come from flags/env, and the home decides the default path.
  const preHome = String(flags.home ?? env.NEOLIGHT_HOME ?? './neolight-data');
  const explicitFile = flags.configFile ?? env.NEOLIGHT_CONFIG;
  const filePath = explicitFile !== undefined ? resolve(String(explicitFile)) : join(resolve(preHome), 'neolight.config.json');
  const sections: Record<string, unknown> = {};
  if (explicitFile !== undefined || existsSync(filePath)) {
    let parsedFile: Record<string, unknown>;
    try {
      parsedFile = fileSchema.parse(JSON.parse(readFileSync(filePath, 'utf8')));
    } catch (err) {
      throw new NeoLightError('NL_ERR_BAD_CONFIG', `config file ${filePath}: ${(err as Error).message.split('\n')[0]}; expected a JSON object`, { file: filePath });
    }
    for (const [k, v] of Object.entries(parsedFile)) {
      const spec = SETTINGS.find((s) => s.key === k || s.env === k);
      if (spec) raw.set(spec.key, { value: v, source: { kind: 'file', name: `${filePath}: ${k}` } });
      else if (isSectionName(k)) {
        validateSection(k, v, filePath);
        sections[k] = v;
      } else {
        const keys = [...SETTINGS.map((s) => s.key), ...Object.keys(SECTIONS)];
        throw unknownKeyError(k, 'the top level', filePath, [...keys, ...SETTINGS.map((s) => s.env)], keys);
      }
    }
  }
  for (const s of SETTINGS) {
    const v = env[s.env];
    if (v !== undefined && v !== '') raw.set(s.key, { value: v, source: { kind: 'env', name: s.env } });
  }
  for (const [k, v] of Object.entries(flags)) {
    if (v !== undefined) raw.set(k, { value: v, source: { kind: 'flag', name: flagName(k) } });
  }

  const out: Record<string, unknown> = { sections };
  for (const s of SETTINGS) {
    const entry = raw.get(s.key);
    if (!entry) {
      out[s.key] = undefined;
      continue;
    }
    const parsed = s.schema.safeParse(entry.value);
    if (!parsed.success) {
      const shown = 'secret' in s && s.secret ? '<redacted>' : JSON.stringify(entry.value);
      const problem = parsed.error.issues[0]?.message ?? 'invalid';
      throw new NeoLightError('NL_ERR_BAD_CONFIG', `${entry.source.name}=${shown} is invalid: ${problem}; accepted: ${s.accepted}`, {
        setting: s.env,
        source: entry.source.kind,
      });
    }
    out[s.key] = parsed.data;
  }
  const config = out as unknown as Config;
  config.home = isAbsolute(config.home) ? config.home : resolve(config.home);
  // Live orders, their daily limits and the market calendar run on real time: a scaled clock would
  // reset the day's loss limit every few minutes. Unset means 1; any other value is refused.
  if (config.mode === 'live') {
    const ts = raw.get('timeScale');
    if (ts && ts.source.kind !== 'default' && config.timeScale !== 1) {
      throw new NeoLightError('NL_ERR_BAD_CONFIG', `${ts.source.name}=${JSON.stringify(ts.value)} is invalid with NEOLIGHT_MODE=live: live mode runs in real time; accepted: 1 or unset`, {
        setting: 'NEOLIGHT_TIME_SCALE', source: ts.source.kind,
      });
    }
    config.timeScale = 1;
  }
  // A simulated crash cannot happen to real quotes: refuse it rather than silently ignore it.
  const crash = raw.get('simCrashAt');
  if (config.simCrashAt !== undefined && (config.mode === 'paper' || config.mode === 'live') && crash) {
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `${crash.source.name}=${JSON.stringify(crash.value)} is invalid with NEOLIGHT_MODE=${config.mode}: paper and live mode use real quotes; accepted: unset, or NEOLIGHT_MODE=sim or backtest`, {
      setting: 'NEOLIGHT_SIM_CRASH_AT',
      source: crash.source.kind,
    });
  }
  if (opts.dataDir !== false) {
    const from = raw.get('home')?.source;
    checkDataDir(config.home, from === undefined || from.kind === 'default' ? 'the default data directory (NEOLIGHT_HOME unset)' : from.name, from?.kind ?? 'default');
  }
  if (config.configFile !== undefined || existsSync(filePath)) config.configFile = filePath;
  return config;
}

/** The config with every secret replaced by "<redacted>" (or null when unset): safe to print and log. */
/**
 * The resolved settings for printing (doctor, repair bundles), keyed by their environment variable
 * as docs/configuration.md names them, secrets replaced by "<redacted>", unset ones null.
 */
export function redactConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const v = config[s.key as keyof Config];
    out[s.env] = 'secret' in s && s.secret ? (v === undefined ? null : '<redacted>') : (v ?? null);
  }
  out.sections = redactSecretKeys(config.sections);
  return out;
}

/** Keys of free-form config sections that hold credentials by their name. */
const SECRET_KEY = /token|secret|password|passwd|api[_-]?key|private[_-]?key|credential/i;

/** A copy of a free-form value with every field named like a credential replaced by "<redacted>". */
export function redactSecretKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecretKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '<redacted>' : redactSecretKeys(v)]));
}

/** Every secret value currently configured, so log redaction can scrub them from free text. */
export function secretValues(config: Config): string[] {
  return SETTINGS.filter((s) => 'secret' in s && s.secret)
    .map((s) => config[s.key as keyof Config])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** Integrations (telegram, twitter, ...) with whether every key they need is set. */
export function integrations(config: Config): { name: string; active: boolean; missing: string[] }[] {
  const byName = new Map<string, { keys: string[]; missing: string[] }>();
  for (const s of SETTINGS) {
    if (!('integration' in s)) continue;
    const e = byName.get(s.integration) ?? { keys: [], missing: [] };
    e.keys.push(s.env);
    if (config[s.key as keyof Config] === undefined) e.missing.push(s.env);
    byName.set(s.integration, e);
  }
  return [...byName].map(([name, e]) => ({ name, active: e.missing.length === 0, missing: e.missing }));
}

/** Parse one free-form section of the config file with its owner's schema; errors name the key. */
export function configSection<S extends z.ZodType>(config: Config, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(config.sections[name] ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const where = [name, ...(i?.path ?? []).map(String)].join('.');
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `config ${where}: ${i?.message ?? 'invalid'}`, { section: name });
  }
  return parsed.data;
}
