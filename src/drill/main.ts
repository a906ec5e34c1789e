#!/usr/bin/env node
/**
 * `npm run drill`: issue 17's drill suite — chaos, fuzz, soak, security checks and a backup /
 * restore round trip against the built mesh (dist/). One JSON document on stdout with --json,
 * progress on stderr; exit 0 only with no violation and no failure, 1 otherwise, 2 on bad flags.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runChaos } from './chaos.js';
import { runFuzz } from './fuzz.js';
import { runRestoreDrill } from './restore-drill.js';
import { runSecurity } from './security.js';
import { runSoak } from './soak.js';
import { drillPassed, progress, type DrillReport } from './report.js';

const PARTS = ['chaos', 'fuzz', 'soak', 'security', 'restore'] as const;
type Part = (typeof PARTS)[number];

const int = (name: string, min: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} "${v}" is not accepted: expected a whole number >= ${min}`);
  return n;
};

interface Flags {
  quick?: boolean;
  json?: boolean;
  only?: string;
  kills?: number;
  fuzzInputs?: number;
  seed: number;
  keep?: boolean;
}

const program = new Command('drill')
  .description('NeoLight drill suite (issue 17): chaos kills, fuzzing, soak, security checks, backup/restore. Runs against dist/ (npm run drill builds it first).')
  .option('--quick', 'the CI size: 20 agent kills, ~1,000 fuzz inputs, a short soak (a few minutes on 2 cores)')
  .option('--json', 'print one JSON document on stdout (progress stays on stderr)')
  .option('--only <parts>', `comma-separated parts to run: ${PARTS.join(', ')} (default: all)`)
  .option('--kills <n>', 'agent kills in the chaos part (default 200; quick 20)', int('--kills', 1))
  .option('--fuzz-inputs <n>', 'fuzz inputs (default 10,000; quick 1,000)', int('--fuzz-inputs', 1))
  .option('--seed <n>', 'seed of every random choice (kills, fuzz)', int('--seed', 0), 17)
  .option('--keep', 'keep the temporary data directories for inspection')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

function parts(only: string | undefined): Part[] {
  if (only === undefined) return [...PARTS];
  const want = only.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = want.filter((w) => !(PARTS as readonly string[]).includes(w));
  if (bad.length > 0 || want.length === 0) {
    process.stderr.write(`drill: --only "${only}" is not accepted: ${bad.length ? `unknown ${bad.join(', ')}` : 'empty list'}; parts: ${PARTS.join(', ')}\n`);
    process.exit(2);
  }
  return want as Part[];
}

async function main(f: Flags): Promise<number> {
  const quick = f.quick === true;
  const run = parts(f.only);
  const t0 = Date.now();
  const r: Omit<DrillReport, 'ok'> = { mode: quick ? 'quick' : 'full', seconds: 0 };
  if (run.includes('security')) r.security = await runSecurity({ keep: f.keep === true });
  if (run.includes('fuzz')) r.fuzz = await runFuzz({ inputs: f.fuzzInputs ?? (quick ? 1000 : 10_000), seed: f.seed, cliSpawns: quick ? 12 : 40 });
  if (run.includes('restore')) r.restore = await runRestoreDrill({ timeScale: 3000, runSeconds: quick ? 15 : 40, keep: f.keep === true });
  if (run.includes('chaos')) {
    const kills = f.kills ?? (quick ? 20 : 200);
    r.chaos = await runChaos({ agentKills: kills, guardianKills: Math.max(1, Math.round(kills / 20)), timeScale: 6000, seed: f.seed, minFills: quick ? 20 : 200, keep: f.keep === true });
  }
  if (run.includes('soak')) r.soak = await runSoak({ marketHours: 24, timeScale: quick ? 720 : 288, statusClients: 500, requests: quick ? 5000 : 50_000, keep: f.keep === true });
  r.seconds = Math.round((Date.now() - t0) / 1000);
  const report: DrillReport = { ...r, ok: drillPassed(r) };
  if (f.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderText(report));
  progress(`drill ${report.ok ? 'passed' : 'FAILED'} in ${report.seconds} s`);
  return report.ok ? 0 : 1;
}

function renderText(r: DrillReport): string {
  const lines: string[] = [];
  if (r.chaos) lines.push(`chaos: ${r.chaos.agent_kills} agent kills, ${r.chaos.guardian_kills} guardian kills, ${r.chaos.restarts} restarts, ${r.chaos.fills} fills, ${r.chaos.violations} violations`);
  if (r.fuzz) lines.push(`fuzz: ${r.fuzz.inputs} inputs, ${r.fuzz.failures} failures`);
  if (r.soak) lines.push(`soak: ${r.soak.market_hours} market hours, RSS slope ${r.soak.rss_slope_mb_per_hour.toFixed(2)} MB/h (limit ${r.soak.rss_slope_threshold_mb_per_hour}), fd growth ${r.soak.fd_growth}, ${r.soak.status_clients} clients ${r.soak.req_per_s.toFixed(0)} req/s p99 ${r.soak.p99_ms.toFixed(1)} ms, ${r.soak.violations} violations`);
  if (r.security) lines.push(`security: ${r.security.checks} checks, ${r.security.failures} failures`);
  if (r.restore) lines.push(`restore: ${r.restore.ok ? 'ok' : 'FAILED'}`);
  const details = [
    ...(r.chaos?.detail ?? []).map((d) => `  chaos ${d.check}: ${d.detail}`),
    ...(r.fuzz?.detail ?? []).map((d) => `  fuzz ${d.check}: ${d.detail}`),
    ...(r.soak?.detail ?? []).map((d) => `  soak ${d.check}: ${d.detail}`),
    ...(r.security?.detail ?? []).filter((d) => !d.ok).map((d) => `  security ${d.name}: ${d.detail}`),
    ...(r.restore?.detail ?? []).map((d) => `  restore ${d.check}: ${d.detail}`),
  ];
  return `${[...lines, ...details, r.ok ? 'drill passed' : 'drill FAILED'].join('\n')}\n`;
}

try {
  program.parse(process.argv);
  process.exit(await main(program.opts<Flags>()));
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  process.stderr.write(`drill: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
