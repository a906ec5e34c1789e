/**
 * The walk-forward port of the scheduled neural tuner: re-optimise a strategy's parameters on the
 * data so far and score, on the same out-of-sample windows, both the walk-forward procedure and the
 * parameters in force. The composition root backs it with the backtest engine; the tuner agent only
 * decides whether to adopt.
 */
export type TunedStrategy = 'sma-cross' | 'momentum';
export type TunedParams = Partial<Record<'fast' | 'slow' | 'lookback', number>>;

export interface WalkForwardRequest {
  readonly strategy: TunedStrategy;
  readonly symbol: string;
  /** Market time of the last bar to use (nothing after it is seen). */
  readonly toMs: number;
  /** Daily bars of history up to `toMs`. */
  readonly bars: number;
  readonly train: number;
  readonly test: number;
  /** The parameters in force, scored on the same out-of-sample windows. */
  readonly current?: TunedParams;
  /** Aborted when the run should give up (the agent is stopping); the promise then rejects. */
  readonly signal?: AbortSignal;
}

export interface WalkForwardResult {
  /** The latest window's choice, and the procedure's average scores over every window. */
  readonly candidate: { readonly params: TunedParams; readonly inSample: number; readonly outOfSample: number; readonly degradation: number; readonly windows: number };
  /** The parameters in force, average out-of-sample score on the same windows. */
  readonly currentOutOfSample: number | null;
  readonly simulated: boolean;
}

export type WalkForward = (req: WalkForwardRequest) => Promise<WalkForwardResult>;
