/**
 * The agent runtime: runs one AgentDefinition in this process. It builds the agent's context
 * (scaled clock, store, logger, ports), ticks every `intervalMs` of market time, writes a heartbeat
 * after each tick, and on SIGINT/SIGTERM finishes the current tick, calls `stop()` and exits 0.
 * A throw in a tick is logged and ends the process non-zero: the guardian decides what follows.
 */
import type { Config } from '../config/config.js';
import { secretValues } from '../config/config.js';
import { realDelayMs, scaledClock, type Clock } from '../core/clock.js';
import { NeoLightError, describeError } from '../core/errors.js';
import { createLogger, type Logger } from '../log/logger.js';
import { hostname } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { openStore } from '../store/open.js';
import type { AgentContext, AgentDefinition } from '../core/agent.js';
import { missingPorts, type AgentPorts } from '../core/ports.js';
import { agentLockName, writeHeartbeat, type Heartbeat } from './heartbeat.js';
import { rssMb } from './process-memory.js';

export interface RunOptions {
  config: Config;
  ports: AgentPorts;
  /** Run exactly one tick and return (scheduled jobs). */
  once?: boolean;
  clock?: Clock;
  /** Log to stderr too (foreground `neolight agent`). */
  stderr?: boolean;
  /** Resolves when the runtime should stop; defaults to SIGINT/SIGTERM. */
  stopSignal?: Promise<void>;
}

/** V8's heap size, bytes: process.memoryUsage() would also read the RSS from /proc on every tick. */
export const heapSize = (): number => getHeapStatistics().total_heap_size;

/** Heap growth in one tick past which the runtime compacts the heap at once (see compactAfterBurst). */
const BURST_BYTES = 8 * 1024 * 1024;

/**
 * The same for work done once per process (building the ports, the agent's create): one collection
 * at start costs a few milliseconds, so a smaller growth is worth giving back (the sports venue's
 * 6 MB of parsed match data would otherwise still sit in the heap when the analytics fit begins).
 */
export const ONCE_BURST_BYTES = 1024 * 1024;

/**
 * After a tick that grew the heap by more than `burstBytes` (a model fit, a catch-up), a full
 * collection gives the pages back now: V8's memory reducer would do it only after seconds of idle,
 * so the agent would sit 10-15 MB above its working size between bursts. Only where the guardian
 * started the process with `--expose-gc` (AGENT_NODE_FLAGS); a tick that allocated little pays nothing.
 */
export function compactAfterBurst(heapBefore: number, gc = (globalThis as { gc?: () => void }).gc, burstBytes = BURST_BYTES): boolean {
  // A plain gc(): node 20's V8 ignores gc()'s options object (it collects nothing when given one).
  if (!gc || heapSize() - heapBefore <= burstBytes) return false;
  gc();
  return true;
}

/** Runs the agent until stopped; resolves to the process exit code (0 clean stop, 1 tick failure). */
export async function runAgent(def: AgentDefinition, opts: RunOptions): Promise<number> {
  const { config } = opts;
  const log = createLogger(config.home, def.name, { level: config.logLevel, secrets: secretValues(config), stderr: opts.stderr, stdout: config.logStdout });
  const clock = opts.clock ?? scaledClock(config.timeScale);
  const store = openStore({
    home: config.home,
    storeUrl: config.store,
    onInvalid: (path, message, keptLastGood) =>
      log.warn({ path, kept_last_good: keptLastGood }, keptLastGood ? `invalid document; this agent keeps using the last good version it read: ${message}` : `invalid document, and this agent has read no good version of it: ${message}`),
  });
  const stopped = new AbortController();
  let note: string | null = null;
  const ctx: AgentContext = { name: def.name, clock, store, log, config, ports: opts.ports, signal: stopped.signal, report: (n) => void (note = n === null ? null : n.slice(0, 300)) };
  const hb: Heartbeat = {
    pid: process.pid,
    agent: def.name,
    hostname: hostname(),
    started_at: new Date().toISOString(),
    ticks: 0,
    errors: 0,
    last_tick_at: null,
    last_tick_market_at: null,
    last_tick_ms: null,
    tick_ms_sum: 0,
    last_error: null,
  };

  let stopping = false;
  let wake: (() => void) | undefined;
  const requestStop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'stop requested; finishing the current tick');
    stopped.abort(new Error(`stop requested (${why})`));
    wake?.();
  };
  const onSignal = (sig: NodeJS.Signals): void => requestStop(sig);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void opts.stopSignal?.then(() => requestStop('stop signal'));
  // A supervised agent whose guardian died stops rather than run unwatched. The guardian's pid comes
  // from the environment: a child that starts after its guardian already died is re-parented
  // before it could read its parent, so `process.ppid` alone would miss that case.
  const guardianPid = Number(process.env.NEOLIGHT_GUARDIAN_PID);
  const orphaned = (): boolean => process.ppid !== guardianPid;
  const orphanWatch = process.env.NEOLIGHT_SUPERVISED === '1' && guardianPid > 0 ? setInterval(() => orphaned() && requestStop('guardian gone'), 1000) : undefined;
  if (orphanWatch && orphaned()) requestStop('guardian gone before the agent started');
  orphanWatch?.unref();

  // One process per agent on the whole store: a lock file beside the state, or a PostgreSQL advisory
  // lock when the store is shared by several hosts. A second copy would double every order.
  const lock = store.tryLock(agentLockName(def.name));
  if ('owner' in lock) {
    log.error({ owner: lock.owner }, `agent ${def.name} already runs (${lock.owner}); this copy exits`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (orphanWatch) clearInterval(orphanWatch);
    store.close();
    log.flush?.();
    return 1;
  }

  const intervalMs = def.intervalMs(config);
  log.info({ intervalMs, timeScale: clock.scale, mode: config.mode }, `agent ${def.name} starting`);
  try {
    const missing = missingPorts(opts.ports, def.needs);
    if (missing.length > 0) throw new NeoLightError('NL_ERR_BAD_CONFIG', `agent ${def.name} needs the port(s) ${missing.join(', ')} in mode ${config.mode}, and none was given`);
    // Some agents do their heavy work once, in create (the sports models' fit): compact after it too.
    const heapBeforeCreate = heapSize();
    const instance = await def.create(ctx);
    compactAfterBurst(heapBeforeCreate, undefined, ONCE_BURST_BYTES);
    for (;;) {
      if (stopping) break;
      const startedReal = performance.now();
      const now = clock.now();
      const heapBefore = heapSize();
      await instance.tick(now);
      compactAfterBurst(heapBefore);
      const took = performance.now() - startedReal;
      hb.ticks++;
      hb.last_tick_at = new Date().toISOString();
      hb.last_tick_market_at = new Date(now).toISOString();
      hb.last_tick_ms = took;
      hb.tick_ms_sum += took;
      hb.rss_mb = rssMb(process.memoryUsage.rss());
      hb.note = note;
      writeHeartbeat(store, hb);
      if (opts.once) break;
      const wait = Math.max(0, realDelayMs(clock, intervalMs) - took);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
    }
    await instance.stop?.();
    log.info({ ticks: hb.ticks }, `agent ${def.name} stopped`);
    return 0;
  } catch (err) {
    hb.errors++;
    hb.last_error = describeError(err);
    writeHeartbeat(store, hb);
    logFailure(log, def.name, err);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (orphanWatch) clearInterval(orphanWatch);
    lock.release();
    store.close();
    log.flush?.();
  }
}

function logFailure(log: Logger, name: string, err: unknown): void {
  log.error({ err }, `agent ${name} tick failed: ${describeError(err)}`);
}
