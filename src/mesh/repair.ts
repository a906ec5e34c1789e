/**
 * The repair step after an agent's third consecutive failure: a diagnostic bundle (last log lines,
 * the configuration with secrets redacted, recent exits, the last error) written under
 * state/repairs/, then the NEOLIGHT_REPAIR_HOOK command, if set, given the agent name, the exit
 * codes and the bundle's path (as arguments and as NEOLIGHT_REPAIR_* environment variables).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { redactConfig, secretValues } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import { scrub } from '../log/logger.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { RepairRequest } from './supervisor.js';

/** The last `n` lines of a file, reading only its end. */
export function tailLines(file: string, n: number, maxBytes = 256 * 1024): string[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return [];
  }
  const len = Math.min(size, maxBytes);
  const buf = Buffer.alloc(len);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, len, size - len);
  } finally {
    closeSync(fd);
  }
  const lines = buf.toString('utf8').split('\n').filter((l) => l.length > 0);
  if (len < size) lines.shift(); // the first line may be cut
  return lines.slice(-n);
}

/** The message of the newest error-level pino line, if any. */
export function lastError(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const j = JSON.parse(lines[i]!) as { level?: number; msg?: string; err?: { message?: string; stack?: string } };
      if ((j.level ?? 0) >= 50) return j.err?.stack ?? j.msg ?? null;
    } catch {
      // raw stderr lines (an uncaught crash) count as errors too
      if (/error/i.test(lines[i]!)) return lines[i]!;
    }
  }
  return null;
}

export async function runRepair(req: RepairRequest, config: Config, log: Logger): Promise<string> {
  const at = new Date().toISOString();
  const logLines = tailLines(join(config.home, 'logs', `${req.id}.log`), 80).map((l) => scrub(l, secretValues(config)));
  const bundle = {
    agent: req.id,
    at,
    consecutive_failures: req.failures,
    exits: req.exits,
    error: lastError(logLines),
    log_tail: logLines,
    config: redactConfig(config),
    hook: config.repairHook ? 'NEOLIGHT_REPAIR_HOOK' : null,
  };
  const path = join(config.home, 'state', 'repairs', `${req.id}-${at.replace(/[:.]/g, '-')}.json`);
  writeFileAtomic(path, `${JSON.stringify(bundle, null, 2)}\n`);
  log.warn({ child: req.id, bundle: path }, `${req.id} failed ${req.failures} times in a row; repair bundle written`);
  if (config.repairHook) {
    const codes = req.exits.map((e) => e.code ?? e.signal ?? '?').join(',');
    await new Promise<void>((resolve) => {
      const child = spawn('/bin/sh', ['-c', `${config.repairHook} "$@"`, 'repair-hook', req.id, codes, path], {
        env: { ...process.env, NEOLIGHT_REPAIR_AGENT: req.id, NEOLIGHT_REPAIR_EXIT_CODES: codes, NEOLIGHT_REPAIR_BUNDLE: path },
        stdio: 'ignore',
      });
      child.once('error', (err) => {
        log.error({ err }, 'repair hook could not start');
        resolve();
      });
      child.once('exit', (code) => {
        log.info({ child: req.id, code }, `repair hook exited with ${code}`);
        resolve();
      });
    });
  }
  return path;
}
