/**
 * Agent `neural_tuner`: the tuner on a schedule (config `intelligence.tuner_period_days`, default
 * 7 market days; the first run one market day after the agent starts). Each run walks forward on the bars up to now
 * through the `walkForward` port, scores the parameters in force on the same out-of-sample windows,
 * and adopts the new set — writing `state/tuned_parameters.json`, which the Strategy Lab follows —
 * only when it beat them by the configured margin (adopt.ts). Every run, adopted or not, is
 * appended to `state/tuning_decisions.csv` with its figures and reason.
 */
import { configSection } from '../../config/config.js';
import { intelligenceSectionSchema } from '../../config/sections/intelligence.js';
import { tunedParameters, tuningDecisions } from '../../contracts/tuning.js';
import { MS } from '../../core/clock.js';
import { requirePort, type AgentDefinition } from '../../core/agent.js';
import type { TunedParams } from '../../core/tuning.js';
import { adoptionDecision } from './adopt.js';

/** History a run uses: five years of daily bars, three-year training windows, half-year tests. */
export const TUNER_WINDOWS = { bars: 1260, train: 756, test: 126 } as const;

const paramsText = (p: TunedParams | undefined): string =>
  p
    ? Object.entries(p)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')
    : '';

export const neuralTunerAgent: AgentDefinition = {
  name: 'neural_tuner',
  description: 'Scheduled walk-forward tuning: adopts new strategy parameters only when they beat those in force out of sample.',
  intervalMs: () => MS.hour,
  consumes: [tunedParameters],
  produces: [tunedParameters, tuningDecisions],
  needs: ['walkForward'],
  create(ctx) {
    const cfg = configSection(ctx.config, 'intelligence', intelligenceSectionSchema);
    const periodMs = (cfg.tuner_period_days ?? 7) * MS.day;
    const margin = cfg.tuner_margin ?? 0.1;
    const symbol = cfg.tuner_symbol ?? 'SPY';
    const walkForward = requirePort(ctx, 'walkForward');
    let firstTick: number | undefined;
    return {
      async tick(now) {
        const ledger = ctx.store.ledger(tuningDecisions);
        const last = ledger.readSince(Math.max(0, ledger.lastSeq() - 1))[0];
        firstTick ??= now;
        // The first run waits a market day, so a starting mesh spends its first minutes trading, not tuning.
        if (!last && now - firstTick < Math.min(periodMs, MS.day)) return;
        if (last && now - Date.parse(last.ts) < periodMs) return;
        const inForce = ctx.store.get(tunedParameters);
        const strategy = cfg.tuner_strategy ?? inForce?.strategy ?? 'sma-cross';
        const current = inForce && inForce.strategy === strategy && inForce.symbol === symbol ? inForce.params : undefined;
        let r: Awaited<ReturnType<typeof walkForward>>;
        try {
          r = await walkForward({ strategy, symbol, toMs: now, ...TUNER_WINDOWS, ...(current ? { current } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
        } catch (err) {
          // Asked to stop mid-run: nothing is decided or recorded; the next start runs it again.
          if (ctx.signal?.aborted) return ctx.log.info('tuning run abandoned: the agent is stopping');
          throw err;
        }
        const d = adoptionDecision(current, r.currentOutOfSample, r.candidate.params, r.candidate.outOfSample, margin);
        const at = new Date(now).toISOString();
        if (d.decision === 'adopted') {
          ctx.store.write(tunedParameters, {
            updated_at: at,
            strategy,
            params: { ...r.candidate.params },
            symbol,
            simulated: r.simulated,
            in_sample_score: r.candidate.inSample,
            out_of_sample_score: r.candidate.outOfSample,
            degradation: r.candidate.degradation,
            windows: r.candidate.windows,
          });
        }
        ledger.append([
          {
            key: `tune-${at}`,
            row: {
              ts: at,
              strategy,
              symbol,
              current_params: paramsText(current),
              candidate_params: paramsText(r.candidate.params),
              current_oos: r.currentOutOfSample ?? '',
              candidate_oos: r.candidate.outOfSample,
              margin,
              decision: d.decision,
              // The ledger says what the scores were measured on: the simulator's bars, or market history.
              reason: `${r.simulated ? 'SIMULATED history' : 'market history'}: ${d.reason}`,
            },
          },
        ]);
        ctx.log.info({ decision: d.decision, candidate: r.candidate.params, current }, `tuner: ${d.reason}`);
      },
    };
  },
};
