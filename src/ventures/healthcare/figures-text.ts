/** The human form of `health evaluate`: every figure the JSON carries at the top level, in tables. */
import type { Interval } from './classification-metrics.js';
import type { Figures } from './evaluate.js';

const f3 = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const ci = (i: Interval): string => `[${f3(i.lo)}, ${f3(i.hi)}]`;

export function figuresText(f: Figures): string {
  const out: string[] = [];
  if (f.dataset === 'pima') {
    out.push(`Pima diabetes risk — train ${f.n_train} rows, test ${f.n_test} rows (the classic split); headline model ${f.model}`);
    out.push(`model                    AUROC  95% bootstrap CI   accuracy  Brier  ECE    | nested ${f.cross_validation.folds}-fold CV AUROC  95% CI`);
    for (const m of f.models) {
      out.push(`${m.model.padEnd(24)} ${f3(m.auroc)}  ${ci(m.auroc_ci).padEnd(17)}  ${f3(m.accuracy)}     ${f3(m.brier)}  ${f3(m.expected_calibration_error)}  | ${f3(m.cross_validation.auroc)}  ${ci(m.cross_validation.auroc_ci)}`);
      out.push(`  tuned parameters: ${JSON.stringify(m.params)}${m.tuning_auroc === null ? ' (nothing to tune)' : ` (inner-CV AUROC ${f3(m.tuning_auroc)})`}`);
    }
    out.push('Reference (R, data README): logistic regression AUROC 0.866, accuracy 0.801 on the test rows.');
  } else {
    out.push(`${f.dataset}: ${f.endpoint} — ${f.model}, ${f.cox.n} subjects, ${f.cox.events} events`);
    out.push('covariate         hazard ratio  95% CI');
    for (const [name, h] of Object.entries(f.hazard_ratios)) out.push(`${name.padEnd(17)} ${f3(h.hr).padEnd(12)}  [${f3(h.lower)}, ${f3(h.upper)}]`);
    if (f.dataset === 'colon') out.push('Reference (R coxph, data README): rxLev 0.985, rxLev+5FU 0.599.');
    out.push('Kaplan–Meier:');
    for (const k of f.km) out.push(`  ${k.group.padEnd(16)} n ${k.curve.n}, events ${k.curve.events}, median ${k.curve.median === null ? 'not reached' : `${k.curve.median} days`}`);
    out.push(`Risk of the event by day ${f.horizon_days} on a held-out ${f.n_test} (train ${f.n_train}; ${f.n_test_known} with known status): AUROC ${f3(f.auroc)}, accuracy ${f3(f.accuracy)}, Brier ${f3(f.brier)}, concordance ${f3(f.concordance)}`);
  }
  out.push(f.disclaimer);
  return out.join('\n');
}
