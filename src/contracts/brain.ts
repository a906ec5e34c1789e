/** `runtime/atlas_brain.json` and `state/intelligence_summary.json`: the orchestrator's outputs. */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const RISK_SCALER_MIN = 0.4;
export const RISK_SCALER_MAX = 1.2;
export const CONFIDENCE_MIN = 0.05;
export const CONFIDENCE_MAX = 0.9;

export const atlasBrain = defineDocument({
  name: 'atlas_brain',
  path: 'runtime/atlas_brain.json',
  description: 'System-wide risk scaler and confidence, written by the intelligence orchestrator.',
  schema: z.object({
    risk_scaler: z.number().min(RISK_SCALER_MIN).max(RISK_SCALER_MAX),
    confidence: z.number().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX),
    updated_at: isoTime,
    regime: z.enum(['calm', 'normal', 'stressed']).optional(),
    /** Why the numbers are what they are, one short line per input. */
    reasons: z.array(z.string()).optional(),
  }),
});

export const intelligenceSummary = defineDocument({
  name: 'intelligence_summary',
  path: 'state/intelligence_summary.json',
  description: 'Lightweight summary of the orchestrator inputs and outputs for the dashboard.',
  schema: z.object({
    updated_at: isoTime,
    risk_scaler: z.number().min(RISK_SCALER_MIN).max(RISK_SCALER_MAX),
    confidence: z.number().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX),
    regime: z.enum(['calm', 'normal', 'stressed']),
    realized_volatility: z.number().min(0).nullable(),
    target_volatility: z.number().positive(),
    drawdown: z.number().min(0).max(1),
    sentiment: z.number().min(-1).max(1).nullable(),
    inputs: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['ok', 'stale', 'missing', 'invalid']),
        age_seconds: z.number().min(0).nullable(),
        detail: z.string().optional(),
      }),
    ),
  }),
});
