/**
 * Vitest global setup: tests that spawn the CLI or child processes import from dist/, so build it
 * once when it is missing or older than any file under src/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}

export default function setup(): void {
  const dist = join(root, 'dist');
  const main = join(dist, 'cli', 'main.js');
  // tsc rewrites every output file on each build, so one output's mtime dates the whole build.
  const stale = !existsSync(main) || statSync(main).mtimeMs < newestMtime(join(root, 'src'));
  if (stale) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
