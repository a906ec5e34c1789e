/** A new guardian stops the dead guardian's agents: SIGTERM first, SIGKILL for one still busy after the grace. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { stopOrphans } from '../../src/mesh/orphans.js';

const dir = mkdtempSync(join(tmpdir(), 'nl-orphans-'));
// A stand-in agent: its command line reads like ours (".../main.js agent NAME") and it ignores
// SIGTERM, as an agent does while a long tick blocks its event loop.
writeFileSync(join(dir, 'main.js'), "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send?.('ready');\n");
const procs: ChildProcess[] = [];
afterEach(() => {
  for (const p of procs) p.kill('SIGKILL');
});

async function busyAgent(name: string, script = 'main.js'): Promise<ChildProcess> {
  const p = spawn(process.execPath, [join(dir, script), 'agent', name], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  procs.push(p);
  await new Promise((resolve) => p.once('message', resolve));
  return p;
}

const exited = (p: ChildProcess): Promise<NodeJS.Signals | null> => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve(p.signalCode) : new Promise((resolve) => p.once('exit', (_c, s) => resolve(s))));

describe('stopOrphans', () => {
  it('kills an orphan that ignores SIGTERM once the grace is over, and leaves a process that is not our agent alone', async () => {
    writeFileSync(join(dir, 'other.js'), "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send?.('ready');\n");
    const agent = await busyAgent('neural_tuner');
    const stranger = await busyAgent('x', 'other.js');
    const t0 = performance.now();
    stopOrphans([agent.pid!, stranger.pid!], silentLogger(), 400);
    expect(await exited(agent)).toBe('SIGKILL');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(350);
    expect(stranger.exitCode === null && stranger.signalCode === null).toBe(true);
  });

  it('finish() kills the survivors at once when the guardian stops before the grace ends', async () => {
    const agent = await busyAgent('healthcare_agent');
    const stop = stopOrphans([agent.pid!], silentLogger(), 60_000);
    const t0 = performance.now();
    stop.finish();
    expect(await exited(agent)).toBe('SIGKILL');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
