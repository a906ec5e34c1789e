/**
 * The progress bar of long commands (`backtest`, `tune`): on stderr, and only for a person at a
 * terminal — never when stderr is not a TTY, with --json, or when CI is set — so piped and
 * machine-read output stays clean.
 */
import cliProgress from 'cli-progress';

export function progressAllowed(o: { json?: boolean | undefined; isTTY: boolean | undefined; env: Readonly<Record<string, string | undefined>> }): boolean {
  return o.json !== true && o.isTTY === true && !o.env.CI;
}

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar that appears once `delayMs` have passed since the first update (short runs show nothing). */
export function progressBar(format: string, o: { json?: boolean | undefined; delayMs?: number; now?: () => number }): Progress {
  if (!progressAllowed({ json: o.json, isTTY: process.stderr.isTTY, env: process.env })) return { update: () => undefined, stop: () => undefined };
  const now = o.now ?? (() => performance.now());
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format, hideCursor: true }, cliProgress.Presets.shades_classic);
  let firstAt: number | undefined;
  let started = false;
  return {
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
