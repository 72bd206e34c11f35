/** `emd-cds export-synthetic`: a synthetic Bulk Data export to try `emd-cds backtest` on. */
import { parseArgs } from 'node:util';
import { writeSyntheticExport } from '../../backtest/synthetic-export.js';
import { UsageError, type CliCommand } from '../usage.js';
import { SYNTHETIC_DEFAULT_NOW, USAGES } from '../usages.js';

export const exportSyntheticCommand: CliCommand = {
  usage: USAGES['export-synthetic'],
  run(args) {
    const { values } = parseArgs({
      args,
      options: {
        patients: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        now: { type: 'string', default: SYNTHETIC_DEFAULT_NOW },
        gzip: { type: 'boolean', default: false },
      },
    });
    const patients = Number(values.patients);
    const seed = Number(values.seed);
    const now = new Date(values.now);
    if (!Number.isInteger(patients) || patients <= 0)
      throw new UsageError('--patients must be a positive whole number');
    if (!values.out) throw new UsageError('export-synthetic needs --out <dir>');
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
    if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO date');
    const counts = writeSyntheticExport({
      patients,
      out: values.out,
      seed,
      now,
      gzip: values.gzip,
    });
    const summary = Object.entries(counts)
      .map(([type, n]) => `${type} ${n.toLocaleString('en-US')}`)
      .join(', ');
    console.log(
      `${values.out}: ${patients.toLocaleString('en-US')} patients (${summary}); run: emd-cds backtest ${values.out} --now ${values.now}`,
    );
    return Promise.resolve(0);
  },
};
