/**
 * A drawdown halt survives any corruption of state/drawdown_guard.json: the guard rebuilds its
 * state from the equity ledger at start (the corrupt bytes moved aside, never overwritten), and
 * while that ledger cannot be read it fails closed (HALTED, RISK_STATE_MISSING), never ACTIVE.
 */
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawdownGuard } from '../../src/contracts/risk.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { drawdownGuardAgent, RISK_STATE_MISSING } from '../../src/risk/drawdown-agent.js';
import { openFileStore } from '../../src/store/file-store.js';
import { agentContext, scriptedPath } from '../risk/agent-context.js';
import { tempHome } from './helpers.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
/** Equity down 26 % from its high: through every tier to the halt. */
const CRASH = scriptedPath().slice(0, 24);

function appendEquity(home: string, values: readonly number[]): void {
  openFileStore(home)
    .ledger(performanceMetrics)
    .append(values.map((equity, i) => ({ key: `eq-${i}`, row: { ts: new Date(T0 + i * DAY).toISOString(), mode: 'sim' as const, equity, cash: 0, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 } })));
}

async function haltedHome(): Promise<string> {
  const home = tempHome();
  appendEquity(home, CRASH);
  const agent = await drawdownGuardAgent.create(agentContext(home, 'drawdown_guard', T0));
  await agent.tick(T0 + CRASH.length * DAY);
  expect(openFileStore(home).get(drawdownGuard)?.mode).toBe('halted');
  return home;
}

const asideFiles = (home: string): string[] => readdirSync(join(home, 'state')).filter((n) => n.startsWith('drawdown_guard.json.corrupt-'));

describe('drawdown halt after a corrupt guard document', () => {
  it.each([
    ['torn JSON', '{"updated_at": "2025-01-2'],
    ['valid JSON, wrong shape', '{"mode": "normal"}'],
    ['empty file', ''],
  ])('%s: the guard is HALTED again as soon as it starts, and the bytes are kept aside', async (_what, bytes) => {
    const home = await haltedHome();
    const file = join(home, drawdownGuard.path);
    writeFileSync(file, bytes);
    await drawdownGuardAgent.create(agentContext(home, 'drawdown_guard', T0 + CRASH.length * DAY));
    // Before any tick: what a trader reads right now.
    const doc = openFileStore(home).get(drawdownGuard);
    expect(doc?.mode).toBe('halted');
    expect(doc?.trading_state).toBe('HALTED');
    expect(doc?.multiplier).toBe(0);
    const aside = asideFiles(home);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(home, 'state', aside[0]!), 'utf8')).toBe(bytes);
  });

  it('fails closed with RISK_STATE_MISSING while the equity ledger cannot be read, then rebuilds the halt', async () => {
    const home = await haltedHome();
    writeFileSync(join(home, drawdownGuard.path), '{ not json');
    const ledgerFile = join(home, performanceMetrics.path);
    const good = readFileSync(ledgerFile, 'utf8');
    appendFileSync(ledgerFile, '999,broken,row\n');
    const ctx = agentContext(home, 'drawdown_guard', T0 + CRASH.length * DAY);
    const agent = await drawdownGuardAgent.create(ctx);
    const closed = openFileStore(home).get(drawdownGuard);
    expect(closed?.trading_state).toBe('HALTED');
    expect(closed?.multiplier).toBe(0);
    expect(closed?.events.at(-1)?.detail).toContain(RISK_STATE_MISSING);

    writeFileSync(ledgerFile, good);
    await agent.tick(T0 + (CRASH.length + 1) * DAY);
    const rebuilt = openFileStore(home).get(drawdownGuard);
    expect(rebuilt?.mode).toBe('halted');
    expect(rebuilt?.last_seq).toBe(CRASH.length);
    expect(rebuilt?.events.map((e) => e.type)).toEqual(['tier_1', 'tier_2', 'tier_3', 'halt']);
  });

  it('a missing guard document with an unreadable ledger is not ACTIVE either', async () => {
    const home = tempHome();
    appendEquity(home, CRASH.slice(0, 3));
    appendFileSync(join(home, performanceMetrics.path), 'garbage\n');
    await drawdownGuardAgent.create(agentContext(home, 'drawdown_guard', T0));
    expect(openFileStore(home).get(drawdownGuard)?.trading_state).toBe('HALTED');
  });
});
