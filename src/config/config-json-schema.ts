/** The config file's JSON Schema (draft 2020-12), generated from its zod schema. */
import { z } from 'zod';
import { configSchema } from './config-schema.js';

export function configJsonSchema(): Record<string, unknown> {
  // "input": what a person writes, where every field with a default may be left out.
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://fhir.emd-cds.org/schema/emd-cds.schema.json',
    title: 'EMD CDS Hooks service configuration',
  };
}
