/**
 * Agent `weights_bridge`: watches `runtime/strategy_weights.json` (change notification, polling
 * every 5 s as the fallback, and on every tick) and writes `runtime/allocations_override.json`
 * — every weight in [0.02, 0.35], summing to 1, by the exact projection of weights-projection.ts.
 * Invalid input (not JSON, NaN, negative, unknown symbol, too many assets, over the store's size
 * limit) is rejected with a logged reason and the last good allocation stays in force.
 */
import { allocationsOverride, strategyWeights } from '../contracts/weights.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentDefinition } from '../core/agent.js';
import { universeOf } from './config.js';
import { projectWeights, validateRawWeights } from './weights-projection.js';

export type BridgeResult = { ok: true; allocations: Record<string, number> } | { ok: false; reasons: string[] };

/** Pure: raw weights → allocation, or the reasons it is refused. */
export function bridgeWeights(raw: unknown, universe: readonly string[]): BridgeResult {
  const v = validateRawWeights(raw, universe);
  if (!v.ok) return v;
  const p = projectWeights(v.weights);
  return p.ok ? { ok: true, allocations: p.weights } : { ok: false, reasons: [p.reason] };
}

export const weightsBridgeAgent: AgentDefinition = {
  name: 'weights_bridge',
  description: 'Normalises runtime/strategy_weights.json into runtime/allocations_override.json (caps 35 %, floors 2 %, sum 1).',
  intervalMs: () => 5 * MS.second,
  consumes: [strategyWeights],
  produces: [allocationsOverride],
  needs: ['universe'],
  create(ctx) {
    const universe = universeOf(ctx.config, ctx.ports);
    let lastMtime: number | undefined;
    let lastProblem: string | undefined;

    const reject = (why: string): void => {
      if (why === lastProblem) return; // say it once per distinct problem, not every 5 s
      lastProblem = why;
      const inForce = ctx.store.get(allocationsOverride);
      ctx.log.warn({ reason: why, in_force: inForce?.updated_at ?? null }, `strategy weights rejected: ${why}; the last good allocation stays in force`);
    };

    const process = (): void => {
      const r = ctx.store.read(strategyWeights);
      if (!r.ok) return reject(describeError(r.error));
      if (r.value === undefined) return; // nothing written yet
      if (r.mtimeMs !== undefined && r.mtimeMs === lastMtime) return;
      lastMtime = r.mtimeMs;
      const out = bridgeWeights(r.value.weights, universe);
      if (!out.ok) return reject(out.reasons.join('; '));
      lastProblem = undefined;
      const source = r.value.strategy ?? r.value.source ?? 'strategy_weights';
      ctx.store.write(allocationsOverride, { allocations: out.allocations, updated_at: new Date(ctx.clock.now()).toISOString(), source });
      ctx.log.info({ allocations: out.allocations, source }, 'allocations_override.json updated');
    };

    const safeProcess = (): void => {
      try {
        process();
      } catch (err) {
        ctx.log.error({ err: describeError(err) }, 'weights bridge failed to process strategy weights');
      }
    };
    const unwatch = ctx.store.watch(strategyWeights, safeProcess, { pollMs: 5000 });
    return {
      tick: () => process(),
      stop: () => unwatch(),
    };
  },
};
