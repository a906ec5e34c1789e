/** Resident memory of mesh processes: /proc on Linux, the agent's own heartbeat elsewhere, and how status shows it. */
import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../src/cli/commands/status.js';
import type { AgentStatus, StatusDocument } from '../../src/contracts/status.js';
import type { Heartbeat } from '../../src/mesh/heartbeat.js';
import { heartbeatRss, processRssMb, rssMb } from '../../src/mesh/process-memory.js';
import { compactAfterBurst, heapSize, ONCE_BURST_BYTES } from '../../src/mesh/runtime.js';
import { spawnSync } from 'node:child_process';

const hb = (pid: number, rss?: number): Heartbeat => ({
  pid, agent: 'telemetry', started_at: '2026-01-01T00:00:00Z', ticks: 1, errors: 0, last_tick_at: null,
  last_tick_market_at: null, last_tick_ms: null, tick_ms_sum: 0, last_error: null, ...(rss === undefined ? {} : { rss_mb: rss }),
});

describe('process memory', () => {
  it.runIf(process.platform === 'linux')('reads VmRSS of a live process and null for a gone one', () => {
    const mine = processRssMb(process.pid);
    expect(mine).not.toBeNull();
    // /proc's figure agrees with node's own to within a few MB (it moves between the two reads).
    expect(Math.abs(mine! - rssMb(process.memoryUsage.rss()))).toBeLessThan(16);
    expect(processRssMb(2 ** 22 + 12_345)).toBeNull();
  });

  it("takes a heartbeat's figure only from the running process's own heartbeat", () => {
    expect(heartbeatRss(hb(100, 61.5), 100)).toBe(61.5);
    expect(heartbeatRss(hb(99, 61.5), 100)).toBeNull();
    expect(heartbeatRss(hb(100), 100)).toBeNull();
    expect(heartbeatRss(undefined, 100)).toBeNull();
  });
});

describe('neolight status', () => {
  const agent = (name: string, pid: number | null, rss: number | null): AgentStatus => ({
    name, pid, state: pid ? 'running' : 'stopped', restarts: 0, consecutive_failures: 0, started_at: null,
    last_tick_at: null, last_exit: null, next_restart_at: null, log: `${name}.log`, rss_mb: rss,
  });
  const doc = (agents: AgentStatus[]): StatusDocument => ({
    system: {
      cpu: { cores: 2, load_1m: 0, percent: 5 }, memory: { total_mb: 4000, used_mb: 1000, percent: 25 },
      disk: { path: '/', total_mb: 1, free_mb: 1, percent: 0 }, uptime: { system_seconds: 1, guardian_seconds: 1 },
    },
    guardian: { pid: 10, started_at: '2026-01-01T00:00:00Z', mode: 'sim', simulated: true, home: '/h', rss_mb: 90.4, logs: {}, agents },
    revenue_by_agent: null,
    risk: { trading_state: 'ACTIVE', reasons: [], details: [], exposure_cap: 1 },
  });

  it("shows each agent's RSS and the mesh's total, and says which running agents are not measured", () => {
    const text = renderStatus(doc([agent('telemetry', 11, 61.2), agent('allocator', 12, 74.6), agent('smart_trader', 13, null), agent('weights_bridge', null, null)]), Date.parse('2026-01-01T00:01:00Z'));
    expect(text).toMatch(/^telemetry\s+running\s+11\s+61 MB/m);
    expect(text).toMatch(/^allocator\s+running\s+12\s+75 MB/m);
    expect(text).toMatch(/^smart_trader\s+running\s+13\s+-\s/m);
    expect(text).toContain('Memory: guardian 90 MB + 2 agents 136 MB = 226 MB RSS (1 running agent(s) not yet measured)');
  });

  it('counts a shared host once, and names it beside the RSS of each of its agents', () => {
    const hosted = (name: string, rss: number): AgentStatus => ({ ...agent(name, 21, rss), host: 'core' });
    const text = renderStatus(doc([hosted('telemetry', 64.2), hosted('risk_governor', 64.2), agent('smart_trader', 13, 78.9)]), Date.parse('2026-01-01T00:01:00Z'));
    expect(text).toMatch(/^telemetry\s+running\s+21\s+64 MB \(core\)/m);
    expect(text).toMatch(/^risk_governor\s+running\s+21\s+64 MB \(core\)/m);
    expect(text).toContain('Memory: guardian 90 MB + 3 agents in 2 processes 143 MB = 234 MB RSS');
  });
});

describe('compaction after a burst', () => {
  // A child with --expose-gc and V8's agent flags: a tick that grew the heap by tens of MB is
  // compacted at once, and the heap comes back near where it started.
  it.runIf(process.platform === 'linux')('gives back the heap a large tick grew, and leaves a small one alone', () => {
    const script = `
      import { compactAfterBurst } from ${JSON.stringify(new URL('../../dist/mesh/runtime.js', import.meta.url).href)};
      const heap = () => process.memoryUsage().heapTotal;
      // Garbage made inside a function, as a tick makes it: nothing outlives the call.
      const burst = (n) => Array.from({ length: n }, (_, i) => ({ i, s: 'x' + i })).length;
      const small = heap();
      burst(1000);
      const smallRan = compactAfterBurst(small);
      const before = heap();
      burst(600000);
      const grown = heap();
      const ran = compactAfterBurst(before);
      console.log(JSON.stringify({ smallRan, ran, before, grown, after: heap() }));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=1', '--optimize-for-size', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const m = JSON.parse(r.stdout) as { smallRan: boolean; ran: boolean; before: number; grown: number; after: number };
    expect(m.smallRan).toBe(false);
    expect(m.grown - m.before).toBeGreaterThan(16 * 2 ** 20);
    expect(m.ran).toBe(true);
    expect(m.after).toBeLessThan(m.before + 8 * 2 ** 20);
  });

  it('does nothing without an exposed gc', () => {
    expect(compactAfterBurst(0, undefined)).toBe(false);
  });

  it('collects when the growth passes the threshold given (a smaller one for work done once)', () => {
    let runs = 0;
    const gc = () => void runs++;
    const now = heapSize();
    expect(compactAfterBurst(now - 2 * 2 ** 20, gc)).toBe(false);
    expect(compactAfterBurst(now - 2 * 2 ** 20, gc, ONCE_BURST_BYTES)).toBe(true);
    expect(compactAfterBurst(now + 2 ** 20, gc, ONCE_BURST_BYTES)).toBe(false);
    expect(runs).toBe(1);
  });
});
