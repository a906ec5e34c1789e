/**
 * `health evaluate` and the healthcare agent's measured quality: one figures document per dataset.
 * For Pima the headline keys are the logistic regression's (the primary model fixed in advance and
 * the one the data README's R reference measures); every model's figures are under `models`.
 * Research prototypes on de-identified open data: not for clinical use.
 */
import { DATASET_NAMES, HEALTH_DATA_DIR, loadColon, loadPbc, loadPima, type DatasetName } from './datasets.js';
import { DEFAULT_EVALUATION, evaluateModel, GBT_SPEC, LOGISTIC_SPEC, type EvaluationOptions, type GridTuner, type ModelFigures } from './risk-model.js';
import { evaluateColon, evaluatePbc, type SurvivalFigures } from './survival-model.js';
import type { GbtModel } from './gbt.js';
import type { LogisticModel } from './logistic.js';
import type { Standardizer } from './standardizer.js';

export const NOT_CLINICAL = 'Research prototype on de-identified open data; not a medical device and not for clinical use.';

export interface PimaFigures extends ModelFigures {
  dataset: 'pima';
  models: ModelFigures[];
  /** The fitted models (scaler and parameters), so the agent caches them as its model file. */
  fitted: { logistic: { scaler: Standardizer; model: LogisticModel }; gbt: { scaler: Standardizer; model: GbtModel } };
}

export type Figures = (PimaFigures | SurvivalFigures) & { disclaimer: string };

export function evaluatePima(tune: GridTuner, dir = HEALTH_DATA_DIR, o: EvaluationOptions = DEFAULT_EVALUATION): PimaFigures {
  const rows = loadPima(dir);
  const { fitted: lrFit, ...lr } = evaluateModel(LOGISTIC_SPEC, rows, tune, o);
  const { fitted: gbtFit, ...gbt } = evaluateModel(GBT_SPEC, rows, tune, o);
  return { dataset: 'pima', ...lr, models: [lr, gbt], fitted: { logistic: lrFit, gbt: gbtFit } };
}

export function evaluateDataset(name: DatasetName, tune: GridTuner, dir = HEALTH_DATA_DIR): Figures {
  const figures = name === 'pima' ? evaluatePima(tune, dir) : name === 'colon' ? evaluateColon(loadColon(dir)) : evaluatePbc(loadPbc(dir));
  return { ...figures, disclaimer: NOT_CLINICAL };
}

export function isDatasetName(v: string): v is DatasetName {
  return (DATASET_NAMES as string[]).includes(v);
}
