/**
 * Telegram alerts through the Bot API: `POST ${apiRoot}/bot${token}/sendMessage` with JSON
 * `{chat_id, text}`; the answer is `{ok: true, result}` or `{ok: false, error_code, description,
 * parameters?: {retry_after}}`. `notify` never blocks and never throws: messages go into a
 * bounded queue drained by a timer at most one request per `minIntervalMs` (token bucket of
 * size 1, default 1 msg/s); everything waiting when a send is due is coalesced into one message
 * (Telegram's 4,096-character limit respected); a 429 waits `retry_after` seconds and retries.
 * The token is only ever part of the URL and is never logged.
 */

export interface TelegramOptions {
  token: string;
  chatId: string;
  apiRoot?: string;
  minIntervalMs?: number;
  maxQueue?: number;
  /** Failed sends after this many attempts are dropped (and reported). */
  maxAttempts?: number;
  fetchImpl?: typeof fetch;
  onError?: (message: string) => void;
}

export interface TelegramNotifier {
  notify(text: string): void;
  /** Resolves once everything queued so far is sent or dropped (tests, graceful stop). */
  flush(): Promise<void>;
  close(): void;
  readonly stats: { sent: number; requests: number; dropped: number; coalesced: number };
}

export const TELEGRAM_MAX_TEXT = 4096;

export function createTelegramNotifier(opts: TelegramOptions): TelegramNotifier {
  const apiRoot = (opts.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  const url = `${apiRoot}/bot${opts.token}/sendMessage`;
  const minInterval = opts.minIntervalMs ?? 1000;
  const maxQueue = opts.maxQueue ?? 100;
  const maxAttempts = opts.maxAttempts ?? 3;
  const doFetch = opts.fetchImpl ?? fetch;
  const report = (m: string): void => opts.onError?.(m.split(opts.token).join('<redacted>'));
  const queue: string[] = [];
  const stats = { sent: 0, requests: 0, dropped: 0, coalesced: 0 };
  let nextAllowed = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let closed = false;
  let idle: (() => void)[] = [];

  const settle = (): void => {
    if (queue.length === 0 && !busy) {
      const waiting = idle;
      idle = [];
      for (const w of waiting) w();
    }
  };

  const schedule = (): void => {
    if (closed || busy || timer || queue.length === 0) return settle();
    timer = setTimeout(pump, Math.max(0, nextAllowed - Date.now()));
    timer.unref();
  };

  const takeBatch = (): string[] => {
    const batch: string[] = [];
    let len = 0;
    while (queue.length) {
      const next = queue[0] ?? '';
      if (batch.length > 0 && len + next.length + 1 > TELEGRAM_MAX_TEXT) break;
      batch.push(next.slice(0, TELEGRAM_MAX_TEXT));
      len += next.length + 1;
      queue.shift();
    }
    return batch;
  };

  async function pump(): Promise<void> {
    timer = undefined;
    if (closed || queue.length === 0) return settle();
    busy = true;
    const batch = takeBatch();
    if (batch.length > 1) stats.coalesced += batch.length - 1;
    const text = batch.join('\n');
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      nextAllowed = Date.now() + minInterval;
      stats.requests++;
      try {
        const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: opts.chatId, text }), signal: AbortSignal.timeout(10_000) });
        const body: unknown = await res.json().catch(() => ({}));
        const o = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
        if (res.ok && o.ok === true) {
          stats.sent += batch.length;
          break;
        }
        const params = o.parameters !== null && typeof o.parameters === 'object' ? (o.parameters as Record<string, unknown>) : {};
        const retryAfter = typeof params.retry_after === 'number' ? params.retry_after : undefined;
        report(`telegram sendMessage failed: HTTP ${res.status} ${typeof o.description === 'string' ? o.description : ''}`.trim());
        if (retryAfter !== undefined) nextAllowed = Date.now() + retryAfter * 1000;
        else if (res.status >= 400 && res.status < 500 && res.status !== 429) attempt = maxAttempts; // not retryable
      } catch (err) {
        report(`telegram sendMessage failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (attempt === maxAttempts) {
        stats.dropped += batch.length;
        break;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, nextAllowed - Date.now())).unref());
      if (closed) break;
    }
    busy = false;
    schedule();
  }

  return {
    stats,
    notify(text) {
      if (closed || text.trim() === '') return;
      if (queue.length >= maxQueue) {
        queue.shift();
        stats.dropped++;
      }
      queue.push(text);
      schedule();
    },
    flush() {
      if (queue.length === 0 && !busy) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const waiting = idle;
      idle = [];
      for (const w of waiting) w();
    },
  };
}
