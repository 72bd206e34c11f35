/** `emd-cds discovery`: the discovery document the service would serve with this config. */
import { parseArgs } from 'node:util';
import { discoveryDocument } from '../../cds/discovery.js';
import { buildSettings } from '../../config/load-settings.js';
import { loadConfig } from '../config-option.js';
import type { CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const discoveryCommand: CliCommand = {
  usage: USAGES.discovery,
  run(args) {
    const { values } = parseArgs({ args, options: { config: { type: 'string' } } });
    const loaded = loadConfig(values.config);
    console.log(
      JSON.stringify(
        discoveryDocument(buildSettings(loaded.config, { file: loaded.file })),
        null,
        2,
      ),
    );
    return Promise.resolve(0);
  },
};
