#!/usr/bin/env node
// `npm run drill [-- --quick --json ...]`: build dist/ when it is missing or older than src/ (as
// test/global-setup.ts does), then run the drill suite with the given arguments.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
const entry = join(root, 'dist', 'drill', 'main.js');
const main = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(entry) || !existsSync(main) || statSync(main).mtimeMs < newest(join(root, 'src'))) {
  // stdout belongs to the drill's JSON document: the build talks on stderr.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
}
const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
