/**
 * The progress bar of long commands (`backtest`, `tune`): on stderr, and only for a person at a
 * terminal — never when stderr is not a TTY, with --json, or when CI is set — so piped and
 * machine-read output stays clean.
 */
import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

export function progressAllowed(o: { json?: boolean | undefined; isTTY: boolean | undefined; env: Readonly<Record<string, string | undefined>> }): boolean {
  return o.json !== true && o.isTTY === true && !o.env.CI;
}

export interface Progress {
  /**
   * Whether a bar can appear at all: false for --json, a stderr that is not a terminal, or CI.
   * A caller whose updates cost something in a hot loop (the backtest's bar loop) leaves them out.
   */
  readonly live: boolean;
  update(done: number, total: number): void;
  stop(): void;
}

export interface ProgressOptions {
  json?: boolean | undefined;
  /** Show nothing until this much work time has passed (a short run stays silent). */
  delayMs?: number;
  now?: () => number;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: Readonly<Record<string, string | undefined>>;
}

/** A bar that appears once `delayMs` have passed since the first update. */
export function progressBar(format: string, o: ProgressOptions): Progress {
  const stream = o.stream ?? process.stderr;
  if (!progressAllowed({ json: o.json, isTTY: stream.isTTY, env: o.env ?? process.env })) return { live: false, update: () => undefined, stop: () => undefined };
  const now = o.now ?? (() => performance.now());
  // Loaded only when a bar is shown: a --json or piped run does not pay for the library.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
  const bar = new cliProgress.SingleBar({ stream, format, hideCursor: true }, cliProgress.Presets.shades_classic);
  let firstAt: number | undefined;
  let started = false;
  return {
    live: true,
    update(done, total) {
      firstAt ??= now();
      if (!started && now() - firstAt >= (o.delayMs ?? 0)) {
        bar.start(total, done);
        started = true;
      }
      if (started) bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
