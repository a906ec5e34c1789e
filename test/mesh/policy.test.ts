import { describe, expect, it } from 'vitest';
import { backoffDelayMs, nextFailureCount, shouldRestart } from '../../src/mesh/backoff.js';
import { nextCronTime, parseCron } from '../../src/mesh/cron.js';
import { TRANSITIONS, transition } from '../../src/mesh/lifecycle.js';
import { dueJobs } from '../../src/mesh/scheduler.js';

describe('backoff', () => {
  it('starts at 2 s, doubles, caps at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelayMs(n))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });
  it('a healthy run resets the failure streak; a clean exit ends it', () => {
    expect(nextFailureCount(2, true, 1000)).toBe(3);
    expect(nextFailureCount(5, true, 60_000)).toBe(1);
    expect(nextFailureCount(5, false, 10)).toBe(0);
  });
  it('follows OTP restart policies', () => {
    expect(shouldRestart('permanent', false)).toBe(true);
    expect(shouldRestart('transient', false)).toBe(false);
    expect(shouldRestart('transient', true)).toBe(true);
    expect(shouldRestart('temporary', true)).toBe(false);
  });
});

describe('lifecycle table', () => {
  it('accepts the documented path and rejects the rest', () => {
    expect(transition('stopped', 'start')).toEqual({ ok: true, from: 'stopped', to: 'starting', trigger: 'start' });
    expect(transition('running', 'crash')).toMatchObject({ ok: true, to: 'backoff' });
    expect(transition('backoff', 'retry')).toMatchObject({ ok: true, to: 'starting' });
    expect(transition('stopped', 'crash')).toEqual({ ok: false, from: 'stopped', trigger: 'crash' });
    expect(transition('stopping', 'start').ok).toBe(false);
  });
  it('every state can reach stopped', () => {
    for (const s of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      const seen = new Set([s]);
      const queue = [s];
      while (queue.length) {
        for (const to of Object.values(TRANSITIONS[queue.shift()!])) {
          if (to && !seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      expect(seen.has('stopped') || s === 'stopped', s).toBe(true);
    }
  });
});

describe('cron and scheduler (market time)', () => {
  const every4h = parseCron('0 */4 * * *');
  it('finds the next 4-hourly slot', () => {
    expect(new Date(nextCronTime(every4h, Date.parse('2025-01-01T01:30:00Z'))).toISOString()).toBe('2025-01-01T04:00:00.000Z');
    expect(new Date(nextCronTime(every4h, Date.parse('2025-01-01T04:00:00Z'))).toISOString()).toBe('2025-01-01T08:00:00.000Z');
  });
  it('rejects bad expressions with a message naming the problem', () => {
    expect(() => parseCron('0 */4 * *')).toThrow(/expected 5/);
    expect(() => parseCron('61 * * * *')).toThrow(/minute/);
  });
  it('fires a due job once, then schedules its next slot', () => {
    const t0 = Date.parse('2025-01-01T03:59:00Z');
    const jobs = [{ agent: 'intelligence_orchestrator', cron: every4h, nextAt: nextCronTime(every4h, t0) }];
    expect(dueJobs(jobs, t0).due).toHaveLength(0);
    const r = dueJobs(jobs, Date.parse('2025-01-01T04:00:30Z'));
    expect(r.due.map((j) => j.agent)).toEqual(['intelligence_orchestrator']);
    expect(new Date(r.next[0]!.nextAt).toISOString()).toBe('2025-01-01T08:00:00.000Z');
    expect(dueJobs(r.next, Date.parse('2025-01-01T05:00:00Z')).due).toHaveLength(0);
  });
});
