/** Logging: JSON lines to logs/<name>.log with secret keys censored and secret values scrubbed. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, redactConfig, secretValues } from '../../src/config/config.js';
import { createLogger, LOG_NAMES, logFilePath } from '../../src/log/logger.js';
import { tempHome } from './helpers.js';

const line = z.object({ level: z.number(), time: z.string(), pid: z.number(), agent: z.string(), msg: z.string().optional() }).passthrough();

function readLines(file: string): z.infer<typeof line>[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => line.parse(JSON.parse(l)));
}

describe('logger', () => {
  it('writes JSON lines to logs/<name>.log with the specification names', () => {
    const home = tempHome();
    const log = createLogger(home, 'smart_trader');
    log.info({ symbol: 'SPY', qty: 2 }, 'filled');
    log.debug('not at info level');
    log.warn('second');
    const file = join(home, 'logs', 'smart_trader.log');
    expect(logFilePath(home, 'smart_trader')).toBe(file);
    const lines = readLines(file);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ msg: 'filled', symbol: 'SPY', qty: 2, agent: 'smart_trader', pid: process.pid, level: 30 });
    expect(Number.isNaN(Date.parse(lines[0]?.time ?? ''))).toBe(false);
    expect(LOG_NAMES).toEqual({ guardian: 'guardian_stdout', api: 'dashboard_v3' });
    createLogger(home, LOG_NAMES.guardian).info('up');
    expect(existsSync(join(home, 'logs', 'guardian_stdout.log'))).toBe(true);
  });

  it('censors secret keys and scrubs secret values', () => {
    const home = tempHome();
    const config = loadConfig({}, { NEOLIGHT_HOME: home, NEOLIGHT_API_TOKEN: 'tok-0123456789abcdef', GITHUB_TOKEN: 'ghp_abcdef123456' });
    const log = createLogger(home, 'guardian_stdout', { secrets: secretValues(config) });
    log.info({ apiToken: config.apiToken, NEOLIGHT_API_TOKEN: 'x', nested: { password: 'pw', githubToken: 'g' }, authorization: 'Bearer abc' }, 'keys');
    log.info('token in text: tok-0123456789abcdef');
    log.info({ detail: 'header was Bearer tok-0123456789abcdef', list: ['ghp_abcdef123456'] }, 'values in fields');
    log.error(new Error('auth failed with ghp_abcdef123456'), 'an error');
    log.info({ config: redactConfig(config) }, 'config');
    log.info({ config }, 'raw config object');
    const text = readFileSync(join(home, 'logs', 'guardian_stdout.log'), 'utf8');
    for (const secret of ['tok-0123456789abcdef', 'ghp_abcdef123456', '"pw"', 'Bearer abc']) expect(text).not.toContain(secret);
    const lines = readLines(join(home, 'logs', 'guardian_stdout.log'));
    expect(lines[0]).toMatchObject({ apiToken: '<redacted>', NEOLIGHT_API_TOKEN: '<redacted>', nested: { password: '<redacted>', githubToken: '<redacted>' }, authorization: '<redacted>' });
    expect(lines[1]?.msg).toBe('token in text: <redacted>');
    expect(lines[2]).toMatchObject({ detail: 'header was Bearer <redacted>', list: ['<redacted>'] });
    expect(JSON.stringify(lines[3])).toContain('auth failed with <redacted>');
  });
});
