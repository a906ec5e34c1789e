#!/usr/bin/env node
/**
 * Memory of a running default mesh over time: starts `neolight up` (sim mode) in a temp home on a
 * free port, learns each process's pid from `neolight status --json` (again every 30 s, so a
 * restarted agent is followed), and samples VmRSS and VmHWM of the guardian and every agent process
 * (the agents of a shared host once, as host:<name>) from
 * /proc/<pid>/status every second. VmHWM is the kernel's own peak, so a burst between two samples
 * is not missed. Prints one JSON document: per process the largest VmRSS seen, the largest VmHWM,
 * the last VmRSS, and the PSS sum of the last sample (/proc/<pid>/smaps_rollup).
 *
 *   node scripts/mesh-rss.mjs [--minutes 20] [--cli dist/cli/main.js] [--out FILE]
 *
 * Linux only (it reads /proc). The mesh is stopped (SIGTERM) at the end and its home removed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const minutes = Number(arg('--minutes', '20'));
const cli = resolve(arg('--cli', 'dist/cli/main.js'));
const out = arg('--out', undefined);

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function procMb(pid, field, file = 'status') {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const home = mkdtempSync(join(tmpdir(), 'neolight-mesh-rss-'));
const port = await freePort();
const env = { ...process.env, NEOLIGHT_MODE: 'sim', NEOLIGHT_HOME: home };
const mesh = spawn(process.execPath, [cli, 'up', '--home', home, '--port', String(port), '--duration', String(minutes * 60 + 60)], { stdio: 'ignore', env });

/** name → { pid, maxRss, maxHwm, lastRss, restarts } */
const procs = new Map();
function pidsFromStatus() {
  try {
    const doc = JSON.parse(execFileSync(process.execPath, [cli, 'status', '--json', '--home', home, '--port', String(port)], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    // Agents sharing a host process are one process, named `host:<name>` (NEOLIGHT_AGENT_PROCESSES=shared).
    const found = [['guardian', doc.guardian.pid], ...doc.guardian.agents.filter((a) => a.pid !== null).map((a) => [a.host ? `host:${a.host}` : a.name, a.pid])];
    for (const [name, pid] of found) {
      const p = procs.get(name);
      if (!p) procs.set(name, { pid, maxRss: 0, maxHwm: 0, lastRss: 0, pids: [pid] });
      else if (p.pid !== pid) {
        p.pid = pid;
        p.pids.push(pid);
      }
    }
    return true;
  } catch {
    return false;
  }
}

const started = Date.now();
const end = started + minutes * 60_000;
let lastStatus = 0;
let pss = null;
try {
  while (!pidsFromStatus()) {
    if (mesh.exitCode !== null) throw new Error(`neolight up exited with ${mesh.exitCode}`);
    if (Date.now() - started > 120_000) throw new Error('the mesh did not answer /status within 120 s');
    await sleep(1000);
  }
  lastStatus = Date.now();
  while (Date.now() < end) {
    if (mesh.exitCode !== null) throw new Error(`neolight up exited with ${mesh.exitCode} after ${(Date.now() - started) / 1000} s`);
    if (Date.now() - lastStatus > 30_000) {
      pidsFromStatus();
      lastStatus = Date.now();
    }
    let pssKb = 0;
    for (const p of procs.values()) {
      const rss = procMb(p.pid, 'VmRSS');
      const hwm = procMb(p.pid, 'VmHWM');
      if (rss !== null) p.lastRss = rss;
      p.maxRss = Math.max(p.maxRss, rss ?? 0);
      p.maxHwm = Math.max(p.maxHwm, hwm ?? 0);
      pssKb += (procMb(p.pid, 'Pss', 'smaps_rollup') ?? 0) * 1024;
    }
    pss = pssKb / 1024;
    await sleep(1000);
  }
} finally {
  mesh.kill('SIGTERM');
  await new Promise((r) => (mesh.exitCode !== null ? r() : mesh.once('exit', r)));
  rmSync(home, { recursive: true, force: true });
}

const r1 = (x) => Math.round(x * 10) / 10;
const rows = [...procs.entries()].sort((a, b) => b[1].maxHwm - a[1].maxHwm);
const result = {
  minutes,
  processes: Object.fromEntries(rows.map(([n, p]) => [n, { max_rss_mb: r1(p.maxRss), hwm_mb: r1(p.maxHwm), last_rss_mb: r1(p.lastRss), restarts: p.pids.length - 1 }])),
  max_agent_hwm_mb: r1(Math.max(...rows.filter(([n]) => n !== 'guardian').map(([, p]) => p.maxHwm))),
  last_rss_sum_mb: r1(rows.reduce((s, [, p]) => s + p.lastRss, 0)),
  max_rss_sum_bound_mb: r1(rows.reduce((s, [, p]) => s + p.maxRss, 0)),
  last_pss_sum_mb: pss === null ? null : r1(pss),
};
const text = JSON.stringify(result, null, 2);
if (out) writeFileSync(out, text + '\n');
process.stdout.write(text + '\n');
