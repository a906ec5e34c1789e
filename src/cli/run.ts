/**
 * Shared plumbing of the `neolight` commands: one wrapper that turns any thrown error into a
 * message on stderr and the documented exit code (2 bad usage or input, 1 runtime failure), and
 * helpers for `--json` output (one JSON document on stdout and nothing else).
 */
import { InvalidArgumentError } from 'commander';
import { NeoLightError, describeError } from '../core/errors.js';

export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      reportAndExit(err);
    }
  };
}

export function reportAndExit(err: unknown): never {
  if (err instanceof NeoLightError) {
    process.stderr.write(`neolight: ${err.message} [${err.code}]\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`neolight: unexpected error: ${describeError(err)}\n`);
  if (err instanceof Error && err.stack && process.env.NEOLIGHT_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

/** Human output: to stdout normally, to stderr when --json owns stdout. */
export function say(json: boolean | undefined, text: string): void {
  (json ? process.stderr : process.stdout).write(`${text}\n`);
}

/** commander argument parsers that name the flag, the value and what is accepted. */
export function parseIntFlag(name: string, min: number, max = Number.MAX_SAFE_INTEGER): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} "${v}" is not accepted: expected a whole number ${min}–${max}`);
    return n;
  };
}

export function parseNumberFlag(name: string, min: number, max = Number.POSITIVE_INFINITY, exclusiveMin = false): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    const ok = Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max;
    if (!ok) throw new InvalidArgumentError(`${name} "${v}" is not accepted: expected a number ${exclusiveMin ? '>' : '>='} ${min}${Number.isFinite(max) ? ` and <= ${max}` : ''}`);
    return n;
  };
}
