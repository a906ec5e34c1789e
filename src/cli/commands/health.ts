/**
 * `neolight health evaluate`: the healthcare agent's models measured on the shipped open datasets
 * (data/health/). The composition root of the evaluation: it hands the models the neural tuner's
 * cross-validated grid search. Research figures only, never clinical advice.
 */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { NeoLightError } from '../../core/errors.js';
import { cvGridSearch } from '../../intelligence/tuner/cv-grid.js';
import { DATASET_NAMES, HEALTH_DATA_DIR } from '../../ventures/healthcare/datasets.js';
import { evaluateDataset, isDatasetName, type Figures } from '../../ventures/healthcare/evaluate.js';
import { figuresText } from '../../ventures/healthcare/figures-text.js';
import { action, printJson } from '../run.js';

interface Flags {
  dataset: string;
  dataDir?: string;
  json?: boolean;
}

/** The document --json prints: the figures without the fitted model internals. */
export function figuresJson(f: Figures, runtimeMs: number): Record<string, unknown> {
  const { fitted: _fitted, ...rest } = f as Figures & { fitted?: unknown };
  return { ...rest, runtime_ms: runtimeMs };
}

export function registerHealth(program: Command): void {
  const health = program.command('health').description(summaryOf('health'));
  health
    .command('evaluate')
    .description('measure the risk model (Pima: logistic regression and gradient-boosted trees) or the survival models (colon, pbc: Kaplan–Meier and Cox)')
    .option('--dataset <name>', `one of ${DATASET_NAMES.join(', ')}`, 'pima')
    .option('--data-dir <dir>', 'folder holding the datasets (default: the shipped data/health/)')
    .option('--json', 'print one JSON document: dataset, model, n_train, n_test, auroc, accuracy, brier (and hazard_ratios for colon and pbc), with the details')
    .action(
      action((f: Flags) => {
        if (!isDatasetName(f.dataset)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--dataset "${f.dataset}" is not accepted: expected one of ${DATASET_NAMES.join(', ')}`);
        const t0 = performance.now();
        const figures = evaluateDataset(f.dataset, cvGridSearch, f.dataDir ?? HEALTH_DATA_DIR);
        const ms = Math.round(performance.now() - t0);
        if (f.json) printJson(figuresJson(figures, ms));
        else process.stdout.write(`${figuresText(figures)}\nEvaluated in ${(ms / 1000).toFixed(1)} s.\n`);
      }),
    );
}
