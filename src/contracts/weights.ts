/**
 * `runtime/strategy_weights.json` (Strategy Lab, or any external program) and
 * `runtime/allocations_override.json` (the weights bridge's normalised allocation).
 */
import { z } from 'zod';
import { defineDocument, isoTime, symbol } from './contract.js';

export const ALLOCATION_MIN = 0.02;
export const ALLOCATION_MAX = 0.35;
export const SUM_TOLERANCE = 1e-9;

const rawWeight = z.number().min(0, 'weights must be >= 0').refine(Number.isFinite, 'must be a finite number');

/**
 * External labs write either `{ "weights": { "SPY": 0.4, ... } }` or the bare map
 * `{ "SPY": 0.4, ... }`; both are accepted and read back in the first form.
 */
export const strategyWeights = defineDocument({
  name: 'strategy_weights',
  path: 'runtime/strategy_weights.json',
  description: 'Raw per-symbol weights from the Strategy Lab (or an external lab).',
  schema: z.preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !('weights' in v) ? { weights: v } : v),
    z.object({
      weights: z.record(symbol, rawWeight),
      updated_at: isoTime.optional(),
      source: z.string().optional(),
      strategy: z.string().optional(),
    }),
  ),
});

export const allocationsOverride = defineDocument({
  name: 'allocations_override',
  path: 'runtime/allocations_override.json',
  description: 'Normalised allocation targets: each weight in [0.02, 0.35], summing to 1.',
  schema: z
    .object({
      allocations: z.record(symbol, z.number().min(ALLOCATION_MIN).max(ALLOCATION_MAX)),
      updated_at: isoTime,
      source: z.string().optional(),
    })
    .refine((d) => Object.keys(d.allocations).length > 0, { message: 'at least one allocation is required', path: ['allocations'] })
    .refine((d) => Math.abs(Object.values(d.allocations).reduce((a, b) => a + b, 0) - 1) <= SUM_TOLERANCE, {
      message: 'allocations must sum to 1',
      path: ['allocations'],
    }),
});
