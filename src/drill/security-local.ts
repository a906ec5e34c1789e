/**
 * Issue 17's non-HTTP defects as checks: (3) a corrupt trader state must not reset cash, (7) the
 * token comparison is constant-time (a static check of src/api/auth.ts), (8) a --home that is not
 * a usable directory exits 2 fast, (9) bad data files exit 2 naming file and line, (10) a stale
 * temp file in runtime/agents/ is removed when the mesh starts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smartTraderState, pnlHistory } from '../contracts/index.js';
import { parseDocument } from '../store/documents.js';
import { openLedger } from '../store/ledger.js';
import { replayFills } from './home-checks.js';
import { PLANTED_CASH_CENTS } from './fixtures.js';
import { CLI, freePort, reapAll } from './mesh.js';
import type { CheckResult } from './security-api.js';

const tempHome = (): string => mkdtempSync(join(tmpdir(), 'neolight-drill-sec-'));

export interface CliRun {
  code: number | null;
  signal: string | null;
  ms: number;
  stderr: string;
  stdout: string;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 15_000, cli = CLI): CliRun {
  const t0 = Date.now();
  // The caller's NEOLIGHT_HOME must not leak into a check: each names its own data dir.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NEOLIGHT_HOME'));
  const r = spawnSync(process.execPath, [cli, ...args], { env: { ...base, ...env }, cwd: tmpdir(), encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, ms: Date.now() - t0, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

/**
 * (3) A book the trader wrote itself (first run with one starting equity), then a torn
 * state/smart_trader_state.json and a restart with another NEOLIGHT_STARTING_EQUITY: cash must
 * still be the first equity plus the replay of any fills, and a .corrupt-* copy must exist.
 */
export function checkCorruptStateKeepsCash(cli = CLI): CheckResult {
  const home = tempHome();
  const first = PLANTED_CASH_CENTS / 100;
  try {
    const setup = runCli(['agent', 'smart_trader', '--once', '--home', home], { NEOLIGHT_STARTING_EQUITY: String(first), NEOLIGHT_TIME_SCALE: '60' }, 30_000, cli);
    const file = join(home, smartTraderState.path);
    if (!existsSync(file)) return { name: 'corrupt_state_keeps_cash', ok: false, detail: `could not set up: the first trader run (exit ${setup.code}) wrote no ${smartTraderState.path}: ${setup.stderr.trim().slice(0, 200)}` };
    const text = readFileSync(file, 'utf8');
    const torn = text.slice(0, Math.floor(text.length / 2));
    writeFileSync(file, torn);
    const run = runCli(['agent', 'smart_trader', '--once', '--home', home], { NEOLIGHT_STARTING_EQUITY: '5000', NEOLIGHT_TIME_SCALE: '60' }, 30_000, cli);
    const problems: string[] = [];
    const after = readFileSync(file, 'utf8');
    const r = parseDocument(smartTraderState, after);
    if (r.ok) {
      const fills = existsSync(join(home, pnlHistory.path)) ? openLedger(pnlHistory, join(home, pnlHistory.path)).readAll().filter((f) => f.agent === 'smart_trader' && f.seq <= r.value.last_fill_seq) : [];
      const want = replayFills(fills, first).cashCents;
      if (r.value.cash_cents !== want) problems.push(`cash_cents is ${r.value.cash_cents} after the restart with NEOLIGHT_STARTING_EQUITY=5000; the book began with ${first} USD and its ${fills.length} fills replay to ${want}`);
    } else if (after !== torn) problems.push(`the state file was rewritten but does not parse: ${r.error.message}`);
    const copies = readdirSync(join(home, 'state')).filter((n) => n.includes('.corrupt-'));
    if (copies.length === 0) problems.push('no .corrupt-* copy of the damaged state file in state/');
    return { name: 'corrupt_state_keeps_cash', ok: problems.length === 0, detail: problems.length ? `${problems.join('; ')} (agent exit ${run.code})` : `cash kept; copy ${copies[0]}` };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export const AUTH_SOURCE = fileURLToPath(new URL('../../src/api/auth.ts', import.meta.url));

/**
 * (7) A static check, stated as such: the token comparison hashes both sides to fixed-length
 * digests and compares them with timingSafeEqual, with no early return on a length difference
 * (which would leak the token's length through timing).
 */
export function checkConstantTimeCompare(source = AUTH_SOURCE): CheckResult {
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    return { name: 'constant_time_token_compare', ok: false, detail: `cannot read ${source}: ${(err as Error).message}` };
  }
  const problems: string[] = [];
  if (!/timingSafeEqual\s*\(/.test(text)) problems.push('no timingSafeEqual call');
  if (!/createHash\(\s*['"]sha(256|384|512)['"]\s*\)|createHmac\(\s*['"]sha(256|384|512)['"]/.test(text)) problems.push('the token is not hashed to a fixed-length digest (createHash/createHmac sha256+) before comparing');
  if (/\.length\s*[!=]==?\s*\w+\.length\s*&&\s*timingSafeEqual/.test(text)) problems.push('an early length check before timingSafeEqual leaks the token length');
  return { name: 'constant_time_token_compare', ok: problems.length === 0, detail: `static check of ${source}: ${problems.length ? problems.join('; ') : 'digests compared with timingSafeEqual'}` };
}

/** (8) --home /proc/x and --home naming a file: exit 2 within 1 s of the CLI's own start-up time, naming --home. */
export function checkBadHome(cli = CLI): CheckResult {
  const dir = tempHome();
  try {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const base = runCli(['--version'], {}, 15_000, cli).ms;
    const problems: string[] = [];
    for (const home of ['/proc/x', file]) {
      for (const cmd of [['doctor'], ['status'], ['up', '--duration', '3', '--port', '1']]) {
        const r = runCli([...cmd, '--home', home], {}, 10_000, cli);
        // 1 s beyond the CLI's own start-up, which a loaded machine stretches (×1.5 for its jitter).
        const late = r.ms > base * 1.5 + 1000;
        if (r.code !== 2 || late || !r.stderr.includes('--home')) problems.push(`${cmd[0]} --home ${home}: exit ${r.code ?? r.signal} after ${r.ms} ms (start-up ${base} ms): ${r.stderr.trim().split('\n')[0]?.slice(0, 160) ?? ''}`);
      }
    }
    return { name: 'bad_home', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : '--home /proc/x and --home FILE exit 2 naming --home' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (9) `metrics --returns` of an empty file, `backtest --data` with a bar priced 0 or 1e308: exit 2 naming the file (and the line). */
export function checkBadDataFiles(cli = CLI): CheckResult {
  const dir = tempHome();
  try {
    const problems: string[] = [];
    const empty = join(dir, 'empty-returns.csv');
    writeFileSync(empty, '');
    const m = runCli(['metrics', '--returns', empty], {}, 15_000, cli);
    if (m.code !== 2 || !m.stderr.includes(empty)) problems.push(`metrics --returns (empty file): exit ${m.code}: ${m.stderr.trim().slice(0, 200)}`);
    for (const bad of ['0', '1e308']) {
      const f = join(dir, `bars-${bad}.csv`);
      const rows = ['date,open,high,low,close,volume'];
      for (let d = 0; d < 40; d++) {
        const day = new Date(Date.UTC(2024, 0, 2 + d)).toISOString().slice(0, 10);
        const px = d === 20 ? bad : String(100 + d);
        rows.push(`${day},${px},${px},${px},${px},1000`);
      }
      writeFileSync(f, `${rows.join('\n')}\n`);
      const b = runCli(['backtest', '--data', f, '--from', '2024-01-01', '--to', '2024-03-01', '--json'], {}, 30_000, cli);
      const namesLine = /line\s*22\b|:22\b/.test(b.stderr);
      if (b.code !== 2 || !b.stderr.includes(f) || !namesLine) problems.push(`backtest --data (a bar priced ${bad} on line 22): exit ${b.code}: ${b.stderr.trim().slice(0, 200)}`);
    }
    return { name: 'bad_data_files', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : 'empty returns and out-of-range prices exit 2 naming file and line' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (10) A stale temp file (its writer's pid is dead) in runtime/agents/ is gone once the mesh has started. */
export async function checkStaleTempRemoved(cli = CLI): Promise<CheckResult> {
  const home = tempHome();
  try {
    const agents = join(home, 'runtime', 'agents');
    rmSync(agents, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', agents]);
    const stale = join(agents, '.revenue_rollup.json.tmp-4194303-deadbeef');
    writeFileSync(stale, '{"half":');
    const port = await freePort();
    runCli(['up', '--home', home, '--agents', 'revenue_rollup', '--port', String(port), '--duration', '4'], {}, 30_000, cli);
    await reapAll(home);
    const ok = !existsSync(stale);
    return { name: 'stale_temp_removed', ok, detail: ok ? 'the stale runtime/agents temp file was removed at start' : `${stale} is still there after the mesh ran` };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
