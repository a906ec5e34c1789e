/**
 * Chaos: the full mesh at a high time scale while a driver SIGKILLs a random agent every 1–3 s
 * and, now and then, the guardian itself (restarted with `neolight up`, as an operator would).
 * Then a clean `neolight stop` and the data directory must be whole (home-checks.ts), every agent
 * must have come back before the stop, and no process of the mesh may outlive it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pnlHistory } from '../contracts/index.js';
import { checkHome } from './home-checks.js';
import { cleanup, DRILL_EQUITY, makeDrillHome } from './drill-home.js';
import { apiGet, belongsTo, childPids, freePort, killOurs, reapAll, sleep, startMesh, stopMesh, waitAllGone, waitExit, type RunningMesh } from './mesh.js';
import { progress, type ChaosReport, type Finding } from './report.js';
import { seededRandom } from '../market/rng.js';

export interface ChaosOptions {
  agentKills: number;
  guardianKills: number;
  timeScale: number;
  seed: number;
  /** Fewer fills than this and the book check proves too little: a violation. */
  minFills: number;
  keep: boolean;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const home = makeDrillHome('chaos');
  const rand = seededRandom(o.seed);
  const detail: Finding[] = [];
  const seen = new Set<number>();
  let agents = 0;
  let agentKills = 0;
  let guardianKills = 0;
  // Guardian kills fall at random points among the agent kills.
  const guardianAt = new Set<number>();
  while (guardianAt.size < Math.min(o.guardianKills, o.agentKills)) guardianAt.add(1 + Math.floor(rand() * Math.max(1, o.agentKills - 1)));
  progress(`chaos: ${home}, ${o.agentKills} agent kills, ${o.guardianKills} guardian kills, time scale ${o.timeScale}`);
  let mesh: RunningMesh | undefined;
  try {
    mesh = await startMesh(home, { timeScale: o.timeScale, port: await freePort() });
    // Kills start once the trader trades: before its inputs exist there is no book to break.
    const warm = Date.now();
    while (!hasFills(home) && Date.now() - warm < 120_000) await sleep(1000);
    progress(`chaos: ${hasFills(home) ? 'the trader trades' : 'no fill after 120 s; killing anyway'}; kills start`);
    agents = childPids(home).length;
    for (let i = 0; i < o.agentKills; i++) {
      await sleep(1000 + rand() * 2000);
      if (guardianAt.has(i)) {
        mesh.guardian.kill('SIGKILL');
        await waitExit(mesh.guardian, 5000);
        guardianKills++;
        progress(`chaos: killed the guardian (${guardianKills}/${o.guardianKills}); restarting it with neolight up`);
        mesh = await startMesh(home, { timeScale: o.timeScale, port: await freePort() });
        await sleep(500);
      }
      const pids = childPids(home).filter((p) => belongsTo(p, home));
      for (const p of pids) seen.add(p);
      if (pids.length === 0) continue;
      const victim = pids[Math.floor(rand() * pids.length)]!;
      if (killOurs(victim, home)) agentKills++;
      if (agentKills % 20 === 0) progress(`chaos: ${agentKills}/${o.agentKills} agent kills`);
    }
    const recovered = await allRunning(mesh.port, 120_000);
    // A slow machine trades less per kill: let the recovered mesh trade on (no more kills) until
    // the book check has enough fills to mean something, for at most two minutes.
    const more = Date.now();
    while (fillCount(home) < o.minFills && Date.now() - more < 120_000) await sleep(1000);
    if (Date.now() - more > 1500) progress(`chaos: ran ${Math.round((Date.now() - more) / 1000)} s more without kills for fills (${fillCount(home)})`);
    if (!recovered.ok) detail.push({ check: 'chaos.recovery', detail: `agents not running 120 s after the last kill: ${recovered.down.join(', ')}` });
    for (const p of childPids(home)) seen.add(p);
    const stop = await stopMesh(home);
    if (stop.code !== 0) detail.push({ check: 'chaos.stop', detail: `neolight stop exited ${stop.code}: ${stop.output.trim().slice(0, 400)}` });
    if (!(await waitExit(mesh.guardian, 20_000))) detail.push({ check: 'chaos.stop', detail: 'the guardian did not exit within 20 s of neolight stop' });
  } catch (err) {
    detail.push({ check: 'chaos.run', detail: `${(err as Error).message}` });
    if (mesh) mesh.guardian.kill('SIGKILL');
  }
  await waitAllGone(home, 30_000);
  const left = await reapAll(home);
  if (left.length > 0) detail.push({ check: 'chaos.orphans', detail: `${left.length} process(es) of the mesh were still alive 30 s after neolight stop: ${left.join('; ')}` });
  const summary = checkHome(home, DRILL_EQUITY);
  detail.push(...summary.findings);
  if (summary.fills < o.minFills) detail.push({ check: 'chaos.too_few_fills', detail: `${summary.fills} fills; the book check needs at least ${o.minFills} to mean something (raise the time scale or the kills)` });
  progress(`chaos: ${agentKills} agent kills, ${guardianKills} guardian kills, ${summary.fills} fills, ${detail.length} violations`);
  cleanup(home, o.keep || detail.length > 0);
  if (detail.length > 0) progress(`chaos: data directory kept for inspection: ${home}`);
  return { agent_kills: agentKills, guardian_kills: guardianKills, restarts: Math.max(0, seen.size - agents), fills: summary.fills, violations: detail.length, detail };
}

/** Rows in the trader's fill ledger so far (header and trailing newline excluded). */
function fillCount(home: string): number {
  try {
    return Math.max(0, readFileSync(join(home, pnlHistory.path), 'utf8').split('\n').length - 2);
  } catch {
    return 0;
  }
}

const hasFills = (home: string): boolean => fillCount(home) > 0;

/** Poll /status until every agent is running again. */
async function allRunning(port: number, timeoutMs: number): Promise<{ ok: true } | { ok: false; down: string[] }> {
  const deadline = Date.now() + timeoutMs;
  let down: string[] = ['(no /status answer)'];
  while (Date.now() < deadline) {
    try {
      const r = await apiGet(port, '/status');
      const agents = (r.body as { guardian?: { agents?: { name: string; state: string }[] } }).guardian?.agents ?? [];
      down = agents.filter((a) => a.state !== 'running').map((a) => `${a.name} (${a.state})`);
      if (agents.length > 0 && down.length === 0) return { ok: true };
    } catch {
      // the API may be restarting
    }
    await sleep(1000);
  }
  return { ok: false, down };
}
