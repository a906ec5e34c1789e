/** Configuration: defaults, precedence, fail-fast errors naming variable/value/accepted, redaction, and the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSection, integrations, loadConfig, redactConfig, secretValues } from '../../src/config/config.js';
import { SETTINGS } from '../../src/config/settings.js';
import { NeoLightError } from '../../src/core/errors.js';
import { DIST, ROOT, tempHome } from './helpers.js';

function configError(fn: () => unknown): NeoLightError {
  try {
    fn();
  } catch (err) {
    if (err instanceof NeoLightError) return err;
    throw err;
  }
  throw new Error('expected NL_ERR_BAD_CONFIG, nothing was thrown');
}

const accepted = (env: string): string => SETTINGS.find((s) => s.env === env)?.accepted ?? '(unknown setting)';

const SECRETS = {
  NEOLIGHT_API_TOKEN: 'tok-0123456789abcdef',
  TELEGRAM_BOT_TOKEN: '123456:telegram-secret',
  TELEGRAM_CHAT_ID: '42',
  GITHUB_TOKEN: 'ghp_secretvalue',
  BETFAIR_PASSWORD: 'hunter2-betfair',
};

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, {});
    expect(c.home).toBe(resolve('./neolight-data'));
    expect(c).toMatchObject({
      mode: 'sim',
      timeScale: 60,
      seed: 42,
      apiHost: '127.0.0.1',
      apiPort: 8100,
      orchInterval: 300,
      startingEquity: 10_000,
      logLevel: 'info',
      apiToken: undefined,
      telegramBotToken: undefined,
      sections: {},
    });
    for (const s of SETTINGS) expect(c, s.key).toHaveProperty(s.key);
  });

  it('takes flags over env over the config file over defaults', () => {
    const home = tempHome();
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ seed: 1, NEOLIGHT_TIME_SCALE: 2, apiPort: 9000, mode: 'paper', trader: { max_gross: 0.5 } }));
    const c = loadConfig({ seed: 3 }, { NEOLIGHT_HOME: home, NEOLIGHT_SEED: '2', NEOLIGHT_TIME_SCALE: '3' });
    expect(c).toMatchObject({ home, seed: 3, timeScale: 3, apiPort: 9000, mode: 'paper', orchInterval: 300 });
    expect(c.configFile).toBe(join(home, 'neolight.config.json'));
    expect(c.sections).toEqual({ trader: { max_gross: 0.5 } });
    // an empty variable counts as unset
    expect(loadConfig({}, { NEOLIGHT_HOME: home, NEOLIGHT_SEED: '' }).seed).toBe(1);
  });

  it('reads an explicit config file and fails on a missing or malformed one, naming it', () => {
    const home = tempHome();
    const file = join(home, 'custom.json');
    writeFileSync(file, JSON.stringify({ startingEquity: 5000 }));
    expect(loadConfig({}, { NEOLIGHT_CONFIG: file }).startingEquity).toBe(5000);
    const missing = configError(() => loadConfig({}, { NEOLIGHT_CONFIG: join(home, 'nope.json') }));
    expect(missing.code).toBe('NL_ERR_BAD_CONFIG');
    expect(missing.message).toContain('nope.json');
    writeFileSync(file, '{ "seed": ');
    expect(configError(() => loadConfig({}, { NEOLIGHT_CONFIG: file })).message).toMatch(/custom\.json: .*expected a JSON object/);
    writeFileSync(file, '[1, 2]');
    expect(configError(() => loadConfig({}, { NEOLIGHT_CONFIG: file })).message).toMatch(/expected a JSON object/);
  });

  const BAD_ENV: [string, string][] = [
    ['NEOLIGHT_TIME_SCALE', 'abc'],
    ['NEOLIGHT_TIME_SCALE', '0'],
    ['NEOLIGHT_TIME_SCALE', 'Infinity'],
    ['NEOLIGHT_API_PORT', '70000'],
    ['NEOLIGHT_API_PORT', '0'],
    ['NEOLIGHT_API_PORT', '80.5'],
    ['NEOLIGHT_API_PORT', ' '],
    ['NEOLIGHT_MODE', 'foo'],
    ['NEOLIGHT_SEED', '-1'],
    ['NEOLIGHT_SEED', '1.5'],
    ['NEOLIGHT_SEED', ' '],
    ['NEOLIGHT_SEED', '4294967296'],
    ['NEOLIGHT_STARTING_EQUITY', '0'],
    ['NEOLIGHT_STARTING_EQUITY', 'lots'],
    ['NEOLIGHT_ORCH_INTERVAL', '-5'],
    ['NEOLIGHT_LOG_LEVEL', 'loud'],
  ];
  it.each(BAD_ENV)('%s=%j fails naming the variable, the value and what is accepted', (name, value) => {
    const err = configError(() => loadConfig({}, { [name]: value }));
    expect(err.code).toBe('NL_ERR_BAD_CONFIG');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(`${name}=${JSON.stringify(value)}`);
    expect(err.message).toContain(`accepted: ${accepted(name)}`);
    expect(err.detail).toMatchObject({ setting: name, source: 'env' });
  });

  it('never shows a secret value in an error', () => {
    const err = configError(() => loadConfig({}, { NEOLIGHT_API_TOKEN: 'short-secret' }));
    expect(err.message).toContain('NEOLIGHT_API_TOKEN=<redacted>');
    expect(err.message).not.toContain('short-secret');
  });

  it('names the file and key, or the flag, of a bad value from there', () => {
    const home = tempHome();
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ NEOLIGHT_SEED: -1 }));
    const fromFile = configError(() => loadConfig({}, { NEOLIGHT_HOME: home }));
    expect(fromFile.message).toContain(`${join(home, 'neolight.config.json')}: NEOLIGHT_SEED=-1`);
    const fromFlag = configError(() => loadConfig({ apiPort: 'x' }, {}));
    expect(fromFlag.message).toContain('--api-port="x"');
  });
});

describe('redaction', () => {
  it('redactConfig hides every secret and keeps the rest', () => {
    const home = tempHome();
    // No section of today's schema holds a credential; the redaction covers any future one that does.
    const c = { ...loadConfig({}, { NEOLIGHT_HOME: home, ...SECRETS }), sections: { shop: { api_key: 'shop-secret', store: 'demo', nested: [{ password: 'pw-secret' }] } } };
    const shown = redactConfig(c);
    const text = JSON.stringify(shown);
    for (const v of [...Object.values(SECRETS).filter((v) => v !== '42'), 'shop-secret', 'pw-secret']) expect(text).not.toContain(v);
    expect(shown).toMatchObject({ NEOLIGHT_API_TOKEN: '<redacted>', TELEGRAM_BOT_TOKEN: '<redacted>', GITHUB_TOKEN: '<redacted>', TELEGRAM_CHAT_ID: '42', TWITTER_BEARER_TOKEN: null, NEOLIGHT_HOME: home });
    expect(shown.sections).toEqual({ shop: { api_key: '<redacted>', store: 'demo', nested: [{ password: '<redacted>' }] } });
    for (const s of SETTINGS.filter((x) => 'secret' in x && x.secret)) expect(shown[s.env] === null || shown[s.env] === '<redacted>').toBe(true);
    expect(secretValues(c).sort()).toEqual([SECRETS.BETFAIR_PASSWORD, SECRETS.GITHUB_TOKEN, SECRETS.NEOLIGHT_API_TOKEN, SECRETS.TELEGRAM_BOT_TOKEN].sort());
  });

  it('lists integrations as active only when all their keys are set', () => {
    const list = integrations(loadConfig({}, SECRETS));
    expect(list.find((i) => i.name === 'telegram')).toEqual({ name: 'telegram', active: true, missing: [] });
    expect(list.find((i) => i.name === 'github')?.active).toBe(true);
    expect(list.find((i) => i.name === 'betfair')).toEqual({ name: 'betfair', active: false, missing: ['BETFAIR_API_KEY', 'BETFAIR_USERNAME'] });
  });
});

describe('configSection', () => {
  const schema = z.object({ max_positions: z.number().int().max(10).default(5), symbols: z.array(z.string()).default([]) });

  // Sections as a hand-built Config holds them: loadConfig itself refuses keys no section schema knows.
  const withSections = (sections: Record<string, unknown>) => ({ ...loadConfig({}, {}), sections });

  it('parses a section, with defaults when it is absent', () => {
    const c = withSections({ trader: { max_positions: 7 } });
    expect(configSection(c, 'trader', schema)).toEqual({ max_positions: 7, symbols: [] });
    expect(configSection(c, 'risk', schema)).toEqual({ max_positions: 5, symbols: [] });
  });

  it('names the key of a bad value', () => {
    const c = withSections({ trader: { max_positions: 70, symbols: ['SPY', 3] } });
    const err = configError(() => configSection(c, 'trader', schema));
    expect(err.code).toBe('NL_ERR_BAD_CONFIG');
    expect(err.message).toMatch(/^config trader\.max_positions: /);
  });
});

describe('neolight CLI', () => {
  const cli = join(DIST, 'cli', 'main.js');
  const settingNames = new Set<string>(SETTINGS.map((s) => s.env));
  const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !settingNames.has(k))),
    ...extra,
  });
  const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, env: cleanEnv(env), encoding: 'utf8' });

  it('doctor --json with a bad env value exits 2 with the message on stderr', () => {
    const r = run(['doctor', '--json'], { NEOLIGHT_HOME: tempHome(), NEOLIGHT_API_PORT: '70000' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('NEOLIGHT_API_PORT="70000"');
    expect(r.stderr).toContain('accepted: a port 1-65535');
    expect(r.stderr).toContain('NL_ERR_BAD_CONFIG');
  });

  it('doctor --json with a good env prints valid JSON with secrets redacted', () => {
    const home = tempHome();
    const r = run(['doctor', '--json'], { NEOLIGHT_HOME: home, ...SECRETS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const v of Object.values(SECRETS).filter((v) => v !== '42')) expect(r.stdout).not.toContain(v);
    const report = z
      .object({
        ok: z.boolean(),
        home: z.string(),
        mode: z.string(),
        config: z.record(z.string(), z.unknown()),
        integrations: z.array(z.object({ name: z.string(), active: z.boolean() })),
        checks: z.array(z.object({ name: z.string(), ok: z.boolean() })),
      })
      .parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(true);
    expect(report.home).toBe(home);
    expect(report.config.NEOLIGHT_API_TOKEN).toBe('<redacted>');
    expect(report.config.TELEGRAM_BOT_TOKEN).toBe('<redacted>');
    expect(report.integrations.find((i) => i.name === 'telegram')?.active).toBe(true);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  });

  it('doctor refuses a data directory below a file with exit 2, naming --home and the file', () => {
    const home = tempHome();
    const blocker = join(home, 'file');
    writeFileSync(blocker, 'not a directory');
    const r = run(['doctor', '--json', '--home', join(blocker, 'data')], {});
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--home="${join(blocker, 'data')}"`);
    expect(r.stderr).toContain(`${blocker} is not a directory (it is a file)`);
  });

  it('doctor without --json prints a readable report that says SIMULATED', () => {
    const home = tempHome();
    mkdirSync(home, { recursive: true });
    const r = run(['doctor'], { NEOLIGHT_HOME: home, ...SECRETS });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`data dir ${home}`);
    expect(r.stdout).toContain('SIMULATED');
    expect(r.stdout).not.toContain(SECRETS.NEOLIGHT_API_TOKEN);
    // SECRETS set the Betfair password only: the check names the two variables still missing.
    expect(r.stdout).toMatch(/ok {3}Betfair: not configured \(set BETFAIR_API_KEY, BETFAIR_USERNAME for live mode\).*live betting off/);
    expect(r.stdout).not.toContain(SECRETS.BETFAIR_PASSWORD);
  });

  it('--help exits 0 and lists doctor; doctor --help exits 0', () => {
    const top = run(['--help'], {});
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('doctor');
    const sub = run(['doctor', '--help'], {});
    expect(sub.status).toBe(0);
    expect(sub.stdout).toContain('--json');
  });
});
