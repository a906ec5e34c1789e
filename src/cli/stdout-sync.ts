/**
 * Standard output written synchronously, for documents too large to queue. Node writes to a pipe
 * asynchronously: whatever the reader has not taken yet waits in the process's memory, so
 * `backtest --json | jq` on nine pairs of a million bars held up to its whole 63 MB document in
 * queued chunks (a 425 MB peak against 279 MB with the same output sent to a file). Here each
 * chunk is out before the next is made, as Node itself writes to a file.
 */
import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A writer of chunks to file descriptor `fd` that returns once the chunk is written: a full
 * non-blocking pipe (EAGAIN) is waited on a millisecond at a time; a reader that went away (EPIPE,
 * `| head`) ends the output quietly, as it ends a shell tool's.
 */
export function syncWriter(fd = 1): (chunk: string | Uint8Array) => void {
  let gone = false;
  return (chunk) => {
    if (gone) return;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let at = 0;
    while (at < buf.length) {
      try {
        at += writeSync(fd, buf, at);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
        else if (code === 'EPIPE') {
          gone = true;
          return;
        } else throw err;
      }
    }
  };
}
