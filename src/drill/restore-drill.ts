/**
 * Backup and restore under load: a busy mesh runs, `neolight backup` snapshots it while it
 * trades, the mesh stops, `neolight restore` brings the snapshot into a new data directory, and
 * the mesh started there must resume from it: the same fills, a book equal to their replay,
 * cash, high-water mark and drawdown halt as in the snapshot (the restored mesh runs at real-time
 * speed for a few seconds, so the market barely moves).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawdownGuard, smartTraderState } from '../contracts/index.js';
import { parseDocument } from '../store/documents.js';
import { checkHome } from './home-checks.js';
import { cleanup, DRILL_EQUITY, makeDrillHome } from './drill-home.js';
import { freePort, reapAll, sleep, startMesh, stopMesh, waitExit } from './mesh.js';
import { progress, type Finding, type RestoreReport } from './report.js';
import { runCli } from './security-local.js';

interface Book {
  cash_cents: number;
  high_water_mark: number;
  last_fill_seq: number;
}

function bookOf(home: string): Book | undefined {
  const f = join(home, smartTraderState.path);
  if (!existsSync(f)) return undefined;
  const r = parseDocument(smartTraderState, readFileSync(f, 'utf8'));
  return r.ok ? { cash_cents: r.value.cash_cents, high_water_mark: r.value.high_water_mark, last_fill_seq: r.value.last_fill_seq } : undefined;
}

function haltOf(home: string): string | undefined {
  const f = join(home, drawdownGuard.path);
  if (!existsSync(f)) return undefined;
  const r = parseDocument(drawdownGuard, readFileSync(f, 'utf8'));
  return r.ok ? r.value.mode : undefined;
}

export async function runRestoreDrill(o: { timeScale: number; runSeconds: number; keep: boolean }): Promise<RestoreReport> {
  const home = makeDrillHome('backup-src');
  const dir = `${home}-backup`;
  const restored = `${home}-restored`;
  const detail: Finding[] = [];
  progress(`restore: mesh on ${home} for ${o.runSeconds} s, backup while it runs, restore into ${restored}`);
  try {
    const mesh = await startMesh(home, { timeScale: o.timeScale, port: await freePort() });
    await sleep(o.runSeconds * 1000);
    const b = runCli(['backup', dir, '--home', home, '--json'], {}, 60_000);
    if (b.code !== 0) detail.push({ check: 'restore.backup', detail: `neolight backup exited ${b.code}: ${b.stderr.trim().slice(0, 300)}` });
    await sleep(2000); // the mesh trades on after the snapshot: the restore must not see that
    await stopMesh(home);
    await waitExit(mesh.guardian, 30_000);
    await reapAll(home);
    if (detail.length > 0) return finish();
    const snapBook = bookOf(dir);
    const snapHalt = haltOf(dir);
    const bad = runCli(['restore', dir, '--home', home, '--json'], {}, 30_000);
    if (bad.code !== 2) detail.push({ check: 'restore.refuse_non_empty', detail: `restore into a non-empty --home exited ${bad.code}, expected 2` });
    const r = runCli(['restore', dir, '--home', restored, '--json'], {}, 60_000);
    if (r.code !== 0) {
      detail.push({ check: 'restore.restore', detail: `neolight restore exited ${r.code}: ${r.stderr.trim().slice(0, 300)}` });
      return finish();
    }
    const before = checkHome(restored, DRILL_EQUITY);
    for (const f of before.findings) detail.push({ check: `restore.${f.check}`, detail: f.detail });
    const again = await startMesh(restored, { timeScale: 1, port: await freePort() });
    await sleep(5000);
    await stopMesh(restored);
    await waitExit(again.guardian, 30_000);
    await reapAll(restored);
    const after = checkHome(restored, DRILL_EQUITY);
    for (const f of after.findings) detail.push({ check: `resumed.${f.check}`, detail: f.detail });
    const now = bookOf(restored);
    if (!snapBook || !now) detail.push({ check: 'restore.book', detail: `no trader book ${snapBook ? 'after the restart' : 'in the backup'}` });
    else {
      if (now.last_fill_seq < snapBook.last_fill_seq) detail.push({ check: 'restore.fills', detail: `the resumed trader is at fill seq ${now.last_fill_seq}, the backup at ${snapBook.last_fill_seq}` });
      if (now.last_fill_seq === snapBook.last_fill_seq && now.cash_cents !== snapBook.cash_cents) detail.push({ check: 'restore.cash', detail: `cash_cents ${now.cash_cents} after the restart, ${snapBook.cash_cents} in the backup, with no new fill` });
      if (now.high_water_mark + 1e-9 < snapBook.high_water_mark) detail.push({ check: 'restore.high_water_mark', detail: `high_water_mark fell from ${snapBook.high_water_mark} to ${now.high_water_mark}` });
    }
    const nowHalt = haltOf(restored);
    if (snapHalt === 'halted' && nowHalt !== snapHalt) detail.push({ check: 'restore.halt', detail: `the backup was halted (${snapHalt}); resumed: ${nowHalt}` });
    progress(`restore: backup at fill seq ${snapBook?.last_fill_seq}, resumed at ${now?.last_fill_seq}; ${detail.length} problems`);
  } catch (err) {
    detail.push({ check: 'restore.run', detail: (err as Error).message });
  }
  return finish();

  function finish(): RestoreReport {
    const keep = o.keep || detail.length > 0;
    for (const d of [home, dir, restored]) cleanup(d, keep);
    if (keep) progress(`restore: kept ${home}, ${dir}, ${restored}`);
    return { ok: detail.length === 0, detail };
  }
}
