/** The progress bar of `backtest` and `tune`: a terminal only, never --json or CI, and not for a short run. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressAllowed, progressBar } from '../../src/cli/progress.js';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTty(isTTY = true): Writable & { isTTY: boolean; columns: number; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return Object.assign(w, { isTTY, columns: 80, text: () => chunks.join('') });
}

describe('progress bar', () => {
  it('is allowed only on a terminal, without --json, without CI', () => {
    expect(progressAllowed({ isTTY: true, env: {} })).toBe(true);
    expect(progressAllowed({ isTTY: true, json: true, env: {} })).toBe(false);
    expect(progressAllowed({ isTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(progressAllowed({ isTTY: true, env: { CI: '' } })).toBe(true);
    expect(progressAllowed({ isTTY: false, env: {} })).toBe(false);
    expect(progressAllowed({ isTTY: undefined, env: {} })).toBe(false);
  });

  it('appears only after the delay: a run under a second of work shows nothing', () => {
    let t = 0;
    const stream = fakeTty();
    const bar = progressBar('backtest [{bar}] {value}/{total} bars', { delayMs: 1000, now: () => t, stream, env: {} });
    expect(bar.live).toBe(true);
    bar.update(0, 1000);
    t = 900;
    bar.update(400, 1000);
    expect(stream.text()).toBe('');
    t = 1200;
    bar.update(600, 1000);
    bar.update(1000, 1000);
    bar.stop();
    expect(stream.text()).toMatch(/backtest \[.*\] 1000\/1000 bars/);
  });

  it('writes nothing with --json, with CI set, or to a pipe, however long the run', () => {
    for (const o of [{ json: true, env: {} }, { env: { CI: '1' } }, { env: {}, tty: false }]) {
      let t = 0;
      const stream = fakeTty(o.tty ?? true);
      const bar = progressBar('tune [{bar}] {value}/{total}', { ...o, delayMs: 0, now: () => t, stream });
      // So the backtest hands its engine no per-bar callback.
      expect(bar.live).toBe(false);
      bar.update(0, 10);
      t = 60_000;
      bar.update(10, 10);
      bar.stop();
      expect(stream.text()).toBe('');
    }
  });
});
