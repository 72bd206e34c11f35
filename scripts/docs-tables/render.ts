/**
 * Tables in docs/ generated from the code (`npm run docs-tables`), so they cannot drift:
 * each sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` in its page,
 * and test/docs/generated-tables.test.ts fails when a committed one is out of date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { AUTH_FAILURE_REASONS } from '../../src/auth/auth-failure.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { AUTH_REASON_FIXES } from './auth-reasons.js';
import { ENVIRONMENT_VARIABLE_DOCS, type VariableDoc } from './environment-variables.js';

/** Each generated table: the page it lives in and its Markdown. */
export const GENERATED_TABLES: Record<string, { page: string; markdown: () => string }> = {
  'environment-variables': { page: 'docs/configuring.md', markdown: environmentTable },
  'auth-reasons': { page: 'docs/integrating.md', markdown: authReasonTable },
};

function row(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

function table(header: string[], rows: string[][]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

function environmentTable(): string {
  const entries = Object.entries(ENVIRONMENT_VARIABLE_DOCS) as [string, VariableDoc][];
  return table(
    ['variable', 'config file key', 'default', 'meaning'],
    entries.map(([name, doc]) => [
      `\`${name}\``,
      doc.configKey ? `\`${doc.configKey}\`` : '',
      typeof doc.default === 'string' ? doc.default : doc.default(DEFAULT_CONFIG),
      doc.meaning,
    ]),
  );
}

function authReasonTable(): string {
  // In the order of the code's list, which is the order a token is checked in.
  return table(
    ['reason', 'what to fix'],
    AUTH_FAILURE_REASONS.map((reason) => [`\`${reason}\``, AUTH_REASON_FIXES[reason]]),
  );
}

/** A page's text with every generated table it holds rewritten, formatted as prettier does. */
export async function renderPage(page: string): Promise<string> {
  const path = join(PROJECT_ROOT, page);
  let text = readFileSync(path, 'utf8');
  for (const [name, generated] of Object.entries(GENERATED_TABLES)) {
    if (generated.page !== page) continue;
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${page}: no ${start} … ${end} block`);
    text = `${text.slice(0, from + start.length)}\n\n${generated.markdown()}\n\n${text.slice(to)}`;
  }
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

/** The pages holding a generated table. */
export function generatedPages(): string[] {
  return [...new Set(Object.values(GENERATED_TABLES).map((generated) => generated.page))];
}
