/**
 * Change notification for files under the data directory: fs.watch on the folder (documents are
 * replaced by rename, so watching the file itself would lose track), debounced, with polling of
 * size and mtime as the fallback that always runs (network file systems drop inotify events).
 */
import { mkdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchOptions {
  debounceMs?: number;
  pollMs?: number;
}

export function watchFile(file: string, onChange: () => void, opts: WatchOptions = {}): () => void {
  const debounceMs = opts.debounceMs ?? 50;
  const pollMs = opts.pollMs ?? 5000;
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let lastSig = signature(file);

  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const sig = signature(file);
      if (sig === lastSig) return;
      lastSig = sig;
      onChange();
    }, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name || String(changed) === name) fire();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined; // polling below still notices changes
  }
  const poll = setInterval(fire, pollMs);
  poll.unref();

  return () => {
    watcher?.close();
    clearInterval(poll);
    if (timer) clearTimeout(timer);
  };
}

function signature(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}
