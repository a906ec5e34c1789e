/**
 * Logging: pino JSON lines to `logs/<name>.log` under the data directory, with the specification's
 * log names (smart_trader.log, guardian_stdout.log, dashboard_v3.log, ...), and in containers the
 * same lines on stdout (each carries `agent`, the label docs/deploy.md ships to Loki). Secret keys are
 * censored wherever they appear in a logged object, and known secret values are scrubbed from
 * every line written.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { SETTINGS } from '../config/settings.js';

export type { Logger } from 'pino';

/** The specification's log file names for components that are not agents named the same way. */
export const LOG_NAMES = {
  guardian: 'guardian_stdout',
  api: 'dashboard_v3',
} as const;

const secretKeys = SETTINGS.filter((s) => 'secret' in s && s.secret).flatMap((s) => [s.key, s.env]);
const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((k) => `*.${k}`),
  ...secretKeys.map((k) => `*.*.${k}`),
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'token',
  '*.token',
  'password',
  '*.password',
];

export interface LoggerOptions {
  level?: string;
  /** Secret values to scrub from free-text messages. */
  secrets?: readonly string[];
  /** Also write to stderr (foreground commands). */
  stderr?: boolean;
  /** Also write to stdout (NEOLIGHT_LOG_STDOUT: containers, whose log shipper reads stdout). */
  stdout?: boolean;
}

export function logFilePath(home: string, name: string): string {
  return join(home, 'logs', `${name}.log`);
}

export function createLogger(home: string, name: string, opts: LoggerOptions = {}): Logger {
  mkdirSync(join(home, 'logs'), { recursive: true });
  const file = pino.destination({ dest: logFilePath(home, name), sync: true, mkdir: true });
  // Scrub secret values from each finished JSON line, so they are caught in any field, nested
  // object, error message or stack, not only in the message string. Both the raw and the
  // JSON-escaped spelling of a secret are replaced.
  const secrets = [...new Set((opts.secrets ?? []).filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))];
  const scrubbed = (dest: pino.DestinationStream): pino.DestinationStream => (secrets.length === 0 ? dest : { write: (line: string) => dest.write(scrub(line, secrets)) });
  const streams: pino.StreamEntry[] = [{ stream: scrubbed(file) }];
  if (opts.stdout) streams.push({ stream: scrubbed(pino.destination({ dest: 1, sync: true })) });
  if (opts.stderr) streams.push({ stream: scrubbed(pino.destination({ dest: 2, sync: true })) });
  return pino(
    {
      name,
      level: opts.level ?? 'info',
      redact: { paths: redactPaths, censor: '<redacted>' },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid, agent: name },
    },
    pino.multistream(streams),
  );
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('<redacted>');
  return out;
}

/** A logger that drops everything: for tests and the in-process backtest. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
