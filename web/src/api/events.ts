/**
 * The live connection to `GET /events`: an EventSource that reconnects by itself with capped
 * exponential backoff, validates every message with the contract's `meshEvent` schema, and reports
 * its state (connecting / live / retrying) for the connection indicator.
 */
import { meshEvent, type MeshEvent } from '../../../src/contracts/status.js';
import { eventsUrl } from './client.js';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'live'; since: number }
  | { kind: 'retrying'; attempt: number; retryAt: number; reason: string };

/** Delay before reconnect attempt `attempt` (1-based): 1 s doubling to a 30 s cap. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 30_000): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 20));
}

/** `runtime/atlas_brain.json` → `atlas_brain`: the contract name the API routes use. */
export function contractNameOfPath(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}

export interface StreamHandlers {
  onEvent(e: MeshEvent): void;
  onState(s: ConnectionState): void;
  /** A message that failed validation: shown as a warning, the stream keeps going. */
  onInvalid?(detail: string): void;
}

const EVENT_TYPES = ['status', 'agent', 'document', 'ledger'] as const;

/**
 * Opens the stream and keeps it open until the returned function is called. Our own backoff
 * replaces EventSource's fixed retry so a dead API is not hammered every 3 s forever.
 */
export function openEventStream(h: StreamHandlers, create: (url: string) => EventSource = (u) => new EventSource(u)): () => void {
  let es: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let closed = false;

  const handle = (raw: MessageEvent) => {
    let json: unknown;
    try {
      json = JSON.parse(String(raw.data));
    } catch {
      h.onInvalid?.(`event "${raw.type}" is not JSON`);
      return;
    }
    const parsed = meshEvent.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      h.onInvalid?.(`event "${raw.type}": ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
      return;
    }
    h.onEvent(parsed.data);
  };

  const connect = () => {
    if (closed) return;
    h.onState({ kind: 'connecting' });
    const source = create(eventsUrl());
    es = source;
    source.onopen = () => {
      attempt = 0;
      h.onState({ kind: 'live', since: Date.now() });
    };
    for (const t of EVENT_TYPES) source.addEventListener(t, handle);
    source.onmessage = handle;
    source.onerror = () => {
      source.close();
      if (closed) return;
      attempt += 1;
      const delay = backoffMs(attempt);
      h.onState({ kind: 'retrying', attempt, retryAt: Date.now() + delay, reason: 'the event stream closed or could not connect' });
      timer = setTimeout(connect, delay);
    };
  };

  connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    es?.close();
  };
}
