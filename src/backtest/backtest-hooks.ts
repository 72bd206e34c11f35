/**
 * The hooks a backtest replays (`emd-cds backtest --hook`): apart from ./evaluate-patient.ts,
 * so that `emd-cds --help` names them without loading the rules.
 */
export const BACKTEST_HOOKS = ['patient-view', 'imaging-review'] as const;
export type BacktestHook = (typeof BACKTEST_HOOKS)[number];
