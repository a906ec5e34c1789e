/**
 * kill -9 mid-cycle, for real: each commerce venture runs as its own process (`neolight agent NAME`,
 * the built CLI, on a scaled market clock), is SIGKILLed at seeded random moments many times and
 * restarted on the same home. After a last run stopped cleanly, the home must be whole: every
 * ledger gapless with unique keys and no torn line, every document valid (the drill's home check);
 * every purchase and sale the venue (its journal) made booked exactly once, nothing booked that it
 * did not make; each inventory document the replay of its ledger; and state/revenue_by_agent.json
 * (written by `neolight agent revenue_rollup --once`) equal to each ledger's sum to the cent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { heartbeatDocument } from '../../../src/contracts/guardian.js';
import { eventSchedule, trendingProducts } from '../../../src/contracts/inputs.js';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import { collectiblesPnl, dropshipProfit, luxuryPnl, ticketArbitrage } from '../../../src/contracts/ventures.js';
import { checkHome } from '../../../src/drill/home-checks.js';
import { simulatedEventSchedule, simulatedTrendingProducts } from '../../../src/intelligence/commerce-inputs.js';
import { seededRandom } from '../../../src/market/rng.js';
import { openFileStore } from '../../../src/store/file-store.js';
import { freshRiskDocs, STILL_FRESH_CONFIG } from '../../helpers/risk-docs.js';
import { checkDropship, checkResale, checkTickets } from './kill9-checks.js';
import { T0 } from './harness.js';

const CLI = resolve(import.meta.dirname, '../../../dist/cli/main.js');
const AGENTS = ['dropship_agent', 'ticket_arbitrage', 'collectibles_agent', 'luxury_agent'] as const;
/** Market seconds per real second: a market day in 2 s; each venture cycles every 3 market hours. */
const SCALE = 43_200;
const KILLS = 5;
const MIN_MARKET_DAYS = 20;
const SEED = 0x9e11;

const children = new Set<ChildProcess>();
const homes: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (!process.env.KEEP_KILL9_HOME) for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('commerce ventures under kill -9', () => {
  it(`lose and duplicate nothing across ${KILLS} SIGKILLs each, mid-cycle`, async () => {
    const home = mkdtempSync(join(tmpdir(), 'nl-kill9-'));
    homes.push(home);
    const interval = 3 * 3_600;
    writeFileSync(
      join(home, 'neolight.config.json'),
      // Collectibles and luxury buy rarely at their default margins (a handful a market month); this test is
      // about crash safety, so they take asks the defaults would pass over, to have trades to lose.
      JSON.stringify({ risk: STILL_FRESH_CONFIG, ventures: { ...Object.fromEntries(AGENTS.map((a) => [a, { interval }])), collectibles_agent: { interval, min_margin: 0, safety_margin: 0 }, luxury_agent: { interval, min_margin: 0.1 } }, schedules: [] }),
    );
    // Only the settings this test means: a developer's NEOLIGHT_* stays out.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEOLIGHT_')));
    const realEpoch = Date.now();
    const env = { ...base, NEOLIGHT_SEED: String(SEED), NEOLIGHT_TIME_SCALE: String(SCALE), NEOLIGHT_MARKET_EPOCH_MS: String(T0), NEOLIGHT_REAL_EPOCH_MS: String(realEpoch), NEOLIGHT_SUPERVISED: '1' };
    const marketNow = (): number => T0 + (Date.now() - realEpoch) * SCALE;
    const store = openFileStore(home);
    const config = loadConfig({ home }, { NEOLIGHT_SEED: String(SEED) });

    // The knowledge integrator's part: the commerce inputs, fresh on the market clock; clear risk once.
    freshRiskDocs(store, T0, { budget: false });
    const inputs = (): void => {
      const now = marketNow();
      store.write(eventSchedule, simulatedEventSchedule(SEED, now));
      store.write(trendingProducts, simulatedTrendingProducts(SEED, now));
    };
    inputs();
    const feeder = setInterval(inputs, 150);

    /** Start the agent; resolve once it has ticked `n` times since it started. */
    const start = async (agent: string, n: number): Promise<{ child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> }> => {
      const child = spawn(process.execPath, [CLI, 'agent', agent, '--home', home], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      children.add(child);
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
      const t0 = Date.now();
      // The heartbeat counts this incarnation's ticks (it starts at 0 with each process). A loaded
      // 2-core machine (four agents starting at once beside the rest of the suite) can take 30 s.
      while (Date.now() - t0 < 60_000) {
        if (child.exitCode !== null) throw new Error(`${agent} exited ${child.exitCode}: ${err.slice(-2000)}`);
        const hb = store.get(heartbeatDocument(agent));
        if (hb && hb.pid === child.pid && hb.ticks >= n) return { child, exited };
        await sleep(20);
      }
      throw new Error(`${agent} did not tick ${n} times in 60 s: ${err.slice(-2000)}`);
    };

    const rand = seededRandom(SEED);
    const life = async (agent: string): Promise<number> => {
      let killed = 0;
      for (let k = 0; k < KILLS; k++) {
        const { child, exited } = await start(agent, 1);
        // A seeded random moment while it cycles (each cycle is ~250 ms of real time).
        await sleep(50 + Math.floor(rand() * 700));
        child.kill('SIGKILL');
        if ((await exited) === 'SIGKILL') killed++;
      }
      // The last run settles what the venue did since, then stops cleanly.
      const { child, exited } = await start(agent, 4);
      // Enough market time that the rarest buyer (collectibles, three buys in 17 days) has bought:
      // on a fast machine the kills end sooner, and 7 market days held none.
      while (marketNow() - T0 < MIN_MARKET_DAYS * 86_400_000) await sleep(100);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      return killed;
    };
    let killed: number[];
    try {
      killed = await Promise.all(AGENTS.map((a) => life(a)));
    } finally {
      clearInterval(feeder);
    }
    for (const k of killed) expect(k).toBe(KILLS);

    const roll = spawnSync(process.execPath, [CLI, 'agent', 'revenue_rollup', '--once', '--home', home], { env, encoding: 'utf8', timeout: 60_000 });
    expect(roll.status, roll.stderr).toBe(0);

    // The drill's home check: ledgers whole (no torn line, gapless, unique keys), documents valid, roll-up a ledger prefix.
    expect(checkHome(home, config.startingEquity).findings).toEqual([]);

    const tickets = await checkTickets(store, SEED, 0.12);
    const collectibles = await checkResale(store, 'collectibles', SEED);
    const luxury = await checkResale(store, 'luxury', SEED);
    const dropship = checkDropship(store);
    const dropRows = store.ledger(dropshipProfit).readAll();
    console.log(
      `SIMULATED kill -9: ${KILLS} kills per venture, market ${((marketNow() - T0) / 86_400_000).toFixed(1)} days; ` +
        `tickets ${tickets.buys} lots/${tickets.sells} sold, collectibles ${collectibles.buys}/${collectibles.sells}, luxury ${luxury.buys}/${luxury.sells}, dropship ${dropship.orders} orders`,
    );
    expect([...tickets.problems, ...collectibles.problems, ...luxury.problems, ...dropship.problems]).toEqual([]);

    // The roll-up equals each ledger's own sum, to the cent; fees were paid.
    const rollup = store.get(revenueByAgent)!;
    const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    const profit = {
      dropship_agent: sum(dropRows.map((r) => r.profit)),
      ticket_arbitrage: sum(store.ledger(ticketArbitrage).readAll().map((r) => r.pnl)),
      collectibles_agent: sum(store.ledger(collectiblesPnl).readAll().map((r) => r.pnl)),
      luxury_agent: sum(store.ledger(luxuryPnl).readAll().map((r) => r.pnl)),
    };
    for (const a of AGENTS) expect(Math.round((rollup.agents[a]?.profit ?? 0) * 100), a).toBe(profit[a]);
    for (const v of [tickets, collectibles, luxury]) {
      expect(v.buys).toBeGreaterThan(0);
      expect(v.fees).toBeGreaterThan(0);
    }
    expect(tickets.sells + collectibles.sells + luxury.sells).toBeGreaterThan(0);
    expect(dropRows.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
    expect(sum(dropRows.map((r) => r.fees))).toBeGreaterThan(0);
  }, 240_000);
});
