/**
 * Moving a corrupt file out of the way instead of overwriting it: the bytes stay on disk for a
 * person to inspect, under `<name>.corrupt-<ISO time without colons>` beside the original.
 */
import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncDir } from './atomic.js';

/** Rename `file` aside; returns the new path, or undefined when there was no file to move. */
export function setAside(file: string, at: Date = new Date()): string | undefined {
  const stamp = at.toISOString().replace(/:/g, '');
  let target = `${file}.corrupt-${stamp}`;
  for (let i = 2; existsSync(target); i++) target = `${file}.corrupt-${stamp}-${i}`;
  try {
    renameSync(file, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  fsyncDir(dirname(file));
  return target;
}
