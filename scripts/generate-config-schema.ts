/**
 * `npm run config-schema`: writes config/emd-cds.schema.json from the zod schema of the config
 * file, so editors can autocomplete and check it (`# yaml-language-server: $schema=…`).
 * The tests fail when the shipped file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../src/config/config-json-schema.js';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { parseScriptArgs } from '../tools/script-args.js';

parseScriptArgs('npm run config-schema (writes config/emd-cds.schema.json)', { options: {} });

const target = join(PROJECT_ROOT, 'config', 'emd-cds.schema.json');
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
