/**
 * `backtest --json` writes its document with syncWriter: through a pipe whose reader is slow every
 * byte arrives in order, and a reader that leaves early (`| head`) ends the output quietly, exit 0.
 * (That it keeps the queued document out of memory is measured by the bench's end_to_end legs.)
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = pathToFileURL(resolve(import.meta.dirname, '../../dist/cli/stdout-sync.js')).href;
// 200 chunks of 100,000 characters, each chunk one repeated digit (chunk k: the digit k % 10).
const writer = `import(${JSON.stringify(module)}).then(({ syncWriter }) => { const w = syncWriter(); for (let k = 0; k < 200; k++) w(String(k % 10).repeat(100000)); })`;

function child(): ReturnType<typeof spawn> {
  return spawn(process.execPath, ['-e', writer], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('syncWriter', () => {
  it('delivers every byte in order to a slow pipe reader', async () => {
    const p = child();
    const parts: Buffer[] = [];
    p.stdout!.on('data', (b: Buffer) => {
      parts.push(b);
      // A slow reader: the pipe fills and the writer has to wait.
      p.stdout!.pause();
      setTimeout(() => p.stdout!.resume(), 1);
    });
    const code = await new Promise<number | null>((ok) => p.on('close', ok));
    const text = Buffer.concat(parts).toString('utf8');
    expect(code).toBe(0);
    expect(text.length).toBe(20_000_000);
    for (let k = 0; k < 200; k++) expect(text.slice(k * 100_000, (k + 1) * 100_000)).toBe(String(k % 10).repeat(100_000));
  }, 60_000);

  it('ends quietly with exit 0 when the reader goes away', async () => {
    const p = child();
    let stderr = '';
    p.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    p.stdout!.once('data', () => p.stdout!.destroy());
    const code = await new Promise<number | null>((ok) => p.on('close', ok));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);
});
