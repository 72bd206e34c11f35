/** `emd-cds stats`: cards served, overridden and acted on per rule, from the audit store. */
import { parseArgs } from 'node:util';
import { serviceOptions } from '../../config/environment.js';
import { statsPeriod } from '../../store/stats-period.js';
import { openStore } from '../../store/open-store.js';
import { statsReport } from '../../store/stats-report.js';
import { renderStats } from '../render-stats.js';
import { loadConfig } from '../config-option.js';
import { existingStore } from '../existing-store.js';
import type { CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const statsCommand: CliCommand = {
  usage: USAGES.stats,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    const options = serviceOptions(loadConfig(values.config).config, process.env);
    const period = statsPeriod(values.from, values.to, new Date());
    const store = openStore(existingStore(options.store, 'stats'));
    try {
      await store.migrate();
      const report = await statsReport(store, period);
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else process.stdout.write(renderStats(report));
    } finally {
      await store.close();
    }
    return 0;
  },
};
