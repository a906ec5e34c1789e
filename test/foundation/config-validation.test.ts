/**
 * Config validation at load: unknown keys (top level and inside every section) and bad section
 * values fail every command with exit 2, naming the key, its section and the closest valid key;
 * an unusable data directory fails fast (exit 2) naming where it was set, the path and the reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { SETTINGS } from '../../src/config/settings.js';
import { closestKey, editDistance } from '../../src/config/suggest.js';
import { NeoLightError } from '../../src/core/errors.js';
import { DIST, ROOT, tempHome } from './helpers.js';

function loadError(home: string, file: unknown): NeoLightError {
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify(file));
  try {
    loadConfig({}, { NEOLIGHT_HOME: home });
  } catch (err) {
    if (err instanceof NeoLightError) return err;
    throw err;
  }
  throw new Error('expected NL_ERR_BAD_CONFIG, the config loaded');
}

describe('unknown config keys', () => {
  it('a misspelt trader.max_order_notinal fails at load, suggesting max_order_notional', () => {
    const home = tempHome();
    const err = loadError(home, { trader: { max_order_notinal: 1000 } });
    expect(err.code).toBe('NL_ERR_BAD_CONFIG');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('unknown key "max_order_notinal" in section trader');
    expect(err.message).toContain('did you mean max_order_notional?');
    expect(err.detail).toMatchObject({ key: 'max_order_notinal', section: 'section trader', suggestion: 'max_order_notional' });
  });

  it.each([
    ['risk', { var_budget_dialy: 0.02 }, 'var_budget_daily'],
    ['intelligence', { taget_vol: 0.1 }, 'target_vol'],
    ['knowledge', { subredits: ['stocks'] }, 'subreddits'],
    ['strategy_lab', { lookback_day: 30 }, 'lookback_days'],
  ])('section %s refuses an unknown key and suggests the closest', (section, body, guess) => {
    const err = loadError(tempHome(), { [section]: body });
    expect(err.message).toContain(`in section ${section}`);
    expect(err.message).toContain(`did you mean ${guess}?`);
  });

  it('inside the objects of the schedules list too', () => {
    const err = loadError(tempHome(), { schedules: [{ agent: 'knowledge_integrator', corn: '0 * * * *' }] });
    expect(err.message).toContain('unknown key "corn" in section schedules.0');
    expect(err.message).toContain('did you mean cron?');
  });

  it('at the top level, among settings and sections', () => {
    const home = tempHome();
    expect(loadError(home, { tradr: {} }).message).toMatch(/unknown key "tradr" in the top level; did you mean trader\?/);
    expect(loadError(home, { NEOLIGHT_SEEED: 3 }).message).toContain('did you mean NEOLIGHT_SEED?');
    const far = loadError(home, { zzzzzzzz: 1 });
    expect(far.message).not.toContain('did you mean');
    expect(far.message).toContain('valid keys:');
  });

  it('a bad value inside a section fails at load naming key, value and accepted range', () => {
    const err = loadError(tempHome(), { trader: { drift_threshold: 5 } });
    expect(err.message).toContain('trader.drift_threshold=5 is invalid; accepted: <= 1');
    const typed = loadError(tempHome(), { risk: { var_confidence: 0.9 } });
    expect(typed.message).toContain('risk.var_confidence=0.9 is invalid');
  });

  it('every valid key still loads', () => {
    const home = tempHome();
    writeFileSync(
      join(home, 'neolight.config.json'),
      JSON.stringify({ seed: 7, trader: { max_order_notional: 1000 }, risk: { rebalance_threshold: 0.05 }, schedules: [{ agent: 'knowledge_integrator', cron: '0 * * * *' }] }),
    );
    expect(loadConfig({}, { NEOLIGHT_HOME: home }).sections.trader).toEqual({ max_order_notional: 1000 });
  });

  it('closestKey picks by edit distance and refuses far-off words', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestKey('max_order_notinal', ['max_spread_bps', 'max_order_notional', 'max_gross'])).toBe('max_order_notional');
    expect(closestKey('banana', ['max_gross'])).toBeUndefined();
  });
});

describe('the CLI refuses bad config and unusable data directories', () => {
  const cli = join(DIST, 'cli', 'main.js');
  const settingNames = new Set<string>(SETTINGS.map((s) => s.env));
  const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !settingNames.has(k))),
    ...extra,
  });

  /** Run the CLI; a hang is killed after 20 s and reported as status null, never waited on. */
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env: cleanEnv(env) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });

  it('doctor reports an unknown key and exits 2', () => {
    const home = tempHome();
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ trader: { max_order_notinal: 1000 } }));
    const r = spawnSync(process.execPath, [cli, 'doctor', '--json', '--home', home], { cwd: ROOT, env: cleanEnv({}), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('did you mean max_order_notional?');
  });

  it.each([['doctor'], ['status'], ['up'], ['stop'], ['agent', 'smart_trader']])('%s --home /proc/x exits 2 instead of spinning', async (...cmd) => {
    const r = await run([...cmd, '--home', '/proc/nl-x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--home="/proc/nl-x"');
    expect(r.stderr).toContain('under /proc, a kernel pseudo file system');
  });

  it('names NEOLIGHT_HOME when the environment set it', async () => {
    const r = await run(['status'], { NEOLIGHT_HOME: '/proc/self/nl' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('NEOLIGHT_HOME="/proc/self/nl"');
  });

  it('a --home that is a file exits 2 saying so, not "unexpected error: ENOTDIR"', async () => {
    const file = join(tempHome(), 'plain-file');
    writeFileSync(file, 'x');
    const r = await run(['up', '--home', file, '--duration', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--home="${file}" cannot be the data directory: it is not a directory (it is a file)`);
    expect(r.stderr).not.toContain('unexpected error');
  });

  it('a state/ that is a file is refused too', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'runtime'));
    writeFileSync(join(home, 'state'), 'x');
    const r = await run(['doctor', '--home', home]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(home, 'state')} is not a directory`);
  });
});
