/**
 * The hooks a dry run plays (`emd-cds evaluate --hook`, the console's dry run): apart from
 * ./dry-run.ts, so that `emd-cds --help` names them without loading the pipeline.
 */
export const DRY_RUN_HOOKS = [
  'patient-view',
  'imaging-review',
  'order-select',
  'order-sign',
] as const;
export type DryRunHook = (typeof DRY_RUN_HOOKS)[number];
