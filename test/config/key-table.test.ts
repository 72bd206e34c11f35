/**
 * docs/configuring.md §1 "The top-level keys": the table an informatics team reads to learn
 * what the config file can hold. Every key the file accepts is named there, in backticks, on
 * its section's rows; a key added to the schema without a line in the table fails here
 * (`service.host`, `service.workers` and `fhir.pageSize` had gone missing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { configSchema } from '../../src/config/config-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const DOC = readFileSync(join(PROJECT_ROOT, 'docs', 'configuring.md'), 'utf8');

/** The table's rows, joined per top-level key (`service` has two: on reload, restart). */
function tableRows(): Map<string, string> {
  const table = DOC.slice(DOC.indexOf('The top-level keys:'), DOC.indexOf('### Help from'));
  const rows = new Map<string, string>();
  for (const [, key, rest] of table.matchAll(/^\| `(\w+)` +\|(.*)$/gm)) {
    if (key && rest !== undefined) rows.set(key, `${rows.get(key) ?? ''} ${rest}`);
  }
  return rows;
}

/** The keys inside one section: an object's own keys, or those of a record's values. */
function keysOf(section: z.ZodType): string[] {
  let schema = section as unknown as {
    _zod: { def: { innerType?: unknown; valueType?: unknown; shape?: Record<string, unknown> } };
  };
  for (;;) {
    const { def } = schema._zod;
    if (def.shape) return Object.keys(def.shape);
    const inner = def.innerType ?? def.valueType;
    if (!inner) return []; // a list (textOnlyPatterns): the row says what its items are
    schema = inner as typeof schema;
  }
}

describe('docs/configuring.md: the top-level keys table', () => {
  const rows = tableRows();

  it('has a row for every top-level key of the config file', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });

  it.each(Object.entries(configSchema.shape))('names every key of %s', (section, schema) => {
    const row = rows.get(section) ?? '';
    const missing = keysOf(schema as z.ZodType).filter((key) => !row.includes(`\`${key}\``));
    expect(missing, `${section} keys missing from the table`).toEqual([]);
  });
});
