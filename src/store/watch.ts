/**
 * Change notification for files under the data directory: fs.watch on the folder (documents are
 * replaced by rename, so watching the file itself would lose track), debounced, with polling of
 * size and mtime as the fallback that always runs (network file systems drop inotify events).
 */
import { mkdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchOptions {
  /** Quiet time after the first event of a burst before the change is reported (default 50 ms). */
  debounceMs?: number;
  /** Polling interval of the fallback (default 5000 ms). */
  pollMs?: number;
  /** Use fs.watch (default true); false leaves polling alone, as on file systems without inotify. */
  native?: boolean;
}

export function watchFile(file: string, onChange: () => void, opts: WatchOptions = {}): () => void {
  const debounceMs = opts.debounceMs ?? 50;
  const pollMs = opts.pollMs ?? 5000;
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let lastSig = signature(file);

  // A pending timer is left alone rather than restarted: a writer that changes the file more often
  // than debounceMs would otherwise postpone the notification forever.
  const fire = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const sig = signature(file);
      if (sig === lastSig) return;
      lastSig = sig;
      onChange();
    }, debounceMs);
  };

  let watcher: FSWatcher | undefined = opts.native === false ? undefined : watchFolder(file, name, fire, () => (watcher = undefined));
  const poll = setInterval(fire, pollMs);
  poll.unref();

  return () => {
    watcher?.close();
    clearInterval(poll);
    if (timer) clearTimeout(timer);
  };
}

/** fs.watch on the file's folder, or undefined where it is unavailable (polling still runs). */
function watchFolder(file: string, name: string, fire: () => void, onClosed: () => void): FSWatcher | undefined {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const w = watch(dirname(file), { persistent: false }, (_event, changed) => {
      if (changed === null || String(changed) === name) fire();
    });
    w.on('error', () => {
      w.close();
      onClosed();
    });
    return w;
  } catch {
    return undefined;
  }
}

function signature(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}
