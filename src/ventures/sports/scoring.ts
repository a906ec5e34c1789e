/**
 * How good probabilistic predictions are: accuracy of the most likely outcome, Brier score, log
 * loss and a reliability curve. Two kinds, because the datasets differ: football is scored three
 * ways (home/draw/away; Brier summed over the three outcomes, 0–2), the NFL two ways as
 * FiveThirtyEight scores it (p = P(home win) + P(tie)/2 against result 1, 0 or 0.5 for a tie;
 * Brier 0–1). Accuracy counts only decided games for the NFL (a tie has no winner to pick).
 */
import { OUTCOMES, type Outcome, type Probs, type Sport } from './matches.js';

export interface Scored {
  readonly probs: Probs;
  readonly outcome: Outcome;
}

export interface CalibrationBin {
  /** Lower and upper edge of the predicted probability. */
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly predicted: number;
  readonly observed: number;
}

export interface Scores {
  readonly n: number;
  readonly accuracy: number;
  readonly brier: number;
  readonly log_loss: number;
  readonly calibration: CalibrationBin[];
}

const EPS = 1e-15;

export function score(sport: Sport, xs: readonly Scored[], bins = 10): Scores {
  return sport === 'nfl' ? scoreTwoWay(xs, bins) : scoreThreeWay(xs, bins);
}

/**
 * The scores of predictions added one at a time, in the order given: the same figures as `score`
 * over the same list, without the list (a walk-forward can score as it predicts).
 */
export interface ScoreAccumulator {
  add(probs: Probs, outcome: Outcome): void;
  result(): Scores;
}

export function scoreAccumulator(sport: Sport, bins = 10): ScoreAccumulator {
  return sport === 'nfl' ? twoWay(bins) : threeWay(bins);
}

function pick(p: Probs): Outcome {
  return p.home >= p.away && p.home >= p.draw ? 'home' : p.away >= p.draw ? 'away' : 'draw';
}

function addAll(acc: ScoreAccumulator, xs: readonly Scored[]): Scores {
  for (const { probs, outcome } of xs) acc.add(probs, outcome);
  return acc.result();
}

export function scoreThreeWay(xs: readonly Scored[], bins = 10): Scores {
  return addAll(threeWay(bins), xs);
}

export function scoreTwoWay(xs: readonly Scored[], bins = 10): Scores {
  return addAll(twoWay(bins), xs);
}

function threeWay(bins: number): ScoreAccumulator {
  let n = 0, hits = 0, brier = 0, ll = 0;
  const curve = reliabilityBins(bins);
  return {
    add(probs, outcome) {
      n++;
      if (pick(probs) === outcome) hits++;
      for (const o of OUTCOMES) {
        const y = o === outcome ? 1 : 0;
        brier += (probs[o] - y) ** 2;
        curve.add(probs[o], y);
      }
      ll -= Math.log(Math.max(probs[outcome], EPS));
    },
    result: () => ({ n, accuracy: n ? hits / n : 0, brier: n ? brier / n : 0, log_loss: n ? ll / n : 0, calibration: curve.result() }),
  };
}

function twoWay(bins: number): ScoreAccumulator {
  let n = 0, hits = 0, decided = 0, brier = 0, ll = 0;
  const curve = reliabilityBins(bins);
  return {
    add(probs, outcome) {
      n++;
      const p = Math.min(Math.max(probs.home + probs.draw / 2, EPS), 1 - EPS);
      const y = outcome === 'home' ? 1 : outcome === 'away' ? 0 : 0.5;
      if (outcome !== 'draw') {
        decided++;
        if ((p >= 0.5 ? 'home' : 'away') === outcome) hits++;
      }
      brier += (p - y) ** 2;
      ll -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
      curve.add(p, y);
    },
    result: () => ({ n, accuracy: decided ? hits / decided : 0, brier: n ? brier / n : 0, log_loss: n ? ll / n : 0, calibration: curve.result() }),
  };
}

/** Equal-width bins of predicted probability: mean prediction against the observed frequency. */
export function reliability(pairs: readonly (readonly [number, number])[], bins: number): CalibrationBin[] {
  const curve = reliabilityBins(bins);
  for (const [p, y] of pairs) curve.add(p, y);
  return curve.result();
}

function reliabilityBins(bins: number): { add(p: number, y: number): void; result(): CalibrationBin[] } {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  return {
    add(p, y) {
      const b = acc[Math.min(bins - 1, Math.floor(p * bins))] as { n: number; p: number; y: number };
      b.n++;
      b.p += p;
      b.y += y;
    },
    result: () =>
      acc
        .map((b, i) => ({ from: i / bins, to: (i + 1) / bins, n: b.n, predicted: b.n ? b.p / b.n : 0, observed: b.n ? b.y / b.n : 0 }))
        .filter((b) => b.n > 0),
  };
}
