/** `emd-cds nodes`: the service nodes registered in the shared store. */
import { parseArgs } from 'node:util';
import { serviceOptions } from '../../config/environment.js';
import { listNodes, renderNodes } from '../render-nodes.js';
import { loadConfig } from '../config-option.js';
import { existingStore } from '../existing-store.js';
import type { CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const nodesCommand: CliCommand = {
  usage: USAGES.nodes,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { config: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const options = serviceOptions(loadConfig(values.config).config, process.env);
    const nodes = await listNodes(existingStore(options.store, 'nodes'));
    if (values.json) console.log(JSON.stringify({ nodes }, null, 2));
    else process.stdout.write(renderNodes(nodes));
    return 0;
  },
};
