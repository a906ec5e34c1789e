/**
 * A synchronous call into an asynchronous worker thread (the technique of the `synckit` package,
 * written out here because it is ~80 lines and we need the worker's notifications too): the caller
 * posts a request on a MessageChannel, blocks on Atomics.wait over a SharedArrayBuffer, and the
 * worker, once its promise settles, posts the answer and wakes it with Atomics.notify; the answer
 * is then taken off the port with receiveMessageOnPort. Every StateStore method stays synchronous,
 * so no caller of the store has to change when the store is PostgreSQL.
 *
 * Messages the worker sends on its parentPort on its own (LISTEN/NOTIFY) arrive asynchronously,
 * on the caller's event loop, as usual.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { NeoLightError, type ErrorCode } from '../../core/errors.js';

/** What the worker answers a request with. */
export type BridgeAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; code: ErrorCode | undefined; message: string; detail?: Record<string, unknown> };

export interface SyncBridge {
  /** Run `op` in the worker and block until it answers (or `timeoutMs` passes). */
  call(op: string, args: unknown[], timeoutMs?: number): unknown;
  /** Messages the worker sends on its own. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** End the worker (its connections close; the server releases their advisory locks). */
  close(): void;
}

/** State word: 0 while the caller waits, 1 once the worker has posted the answer. */
const WAITING = 0;

export function startSyncBridge(workerFile: string, workerData: Record<string, unknown>, defaultTimeoutMs = 30_000): SyncBridge {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerFile, { workerData: { ...workerData, port: port2, state }, transferList: [port2] });
  // The store must not keep a process alive on its own, as the file store's watchers do not.
  worker.unref();
  port1.unref();
  let exited: string | undefined;
  worker.on('error', (err) => (exited = `the store worker failed: ${err.message}`));
  worker.on('exit', (code) => (exited ??= `the store worker exited with code ${code}`));
  const listeners = new Set<(m: unknown) => void>();
  worker.on('message', (m: unknown) => listeners.forEach((l) => l(m)));
  let nextId = 1;

  const call = (op: string, args: unknown[], timeoutMs = defaultTimeoutMs): unknown => {
    if (exited) throw new NeoLightError('NL_ERR_UPSTREAM', exited);
    const id = nextId++;
    Atomics.store(state, 0, WAITING);
    port1.postMessage({ id, op, args });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(state, 0, WAITING, left) === 'timed-out') {
        throw new NeoLightError('NL_ERR_UPSTREAM', `PostgreSQL store: ${op} got no answer within ${timeoutMs} ms${exited ? ` (${exited})` : ''}`, { op });
      }
      const got = receiveMessageOnPort(port1) as { message: BridgeAnswer } | undefined;
      if (!got) continue; // woken before the message is visible: wait again
      const a = got.message;
      if (a.id !== id) continue; // the late answer of a call that timed out
      if (a.ok) return a.value;
      throw a.code ? new NeoLightError(a.code, a.message, a.detail) : new NeoLightError('NL_ERR_UPSTREAM', `PostgreSQL store: ${a.message}`, { op });
    }
  };

  return {
    call,
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => {
      // Calls after close fail at once instead of waiting out their timeout for a dead worker.
      exited ??= 'the store was closed';
      port1.close();
      void worker.terminate();
    },
  };
}

/** The worker's side: answer each request with the result of `handle`. */
export function serveSyncBridge(port: MessagePort, state: Int32Array, handle: (op: string, args: unknown[]) => Promise<unknown>): void {
  // Requests are handled one at a time in arrival order: the caller is blocked anyway, and order
  // matters after a timed-out call.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (req: { id: number; op: string; args: unknown[] }) => {
    chain = chain.then(async () => {
      let answer: BridgeAnswer;
      try {
        answer = { id: req.id, ok: true, value: await handle(req.op, req.args) };
      } catch (err) {
        const e = err as Error & { code?: unknown; detail?: Record<string, unknown> };
        const code = err instanceof NeoLightError ? e.code as ErrorCode : undefined;
        answer = { id: req.id, ok: false, code, message: e.message, ...(err instanceof NeoLightError && e.detail ? { detail: e.detail } : {}) };
      }
      port.postMessage(answer);
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
    });
  });
}
