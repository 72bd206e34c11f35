/**
 * Wording-file mistakes an analyst makes, each said once, where it is, with what to do: a
 * line indented wrong (one error, not the parser's cascade), a variable misspelt (the name
 * meant), a tag left open (its line and column in the text, not a character offset).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { loadWording } from '../../src/config/load-wording.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const SUMMARY = /^( *)summary: .*$/m;

/** The shipped wording with en.yaml's first summary line replaced by `line(indent)`. */
function problemsWith(line: (indent: string) => string): { file: string; problems: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'emd-cds-wording-'));
  cpSync(join(PROJECT_ROOT, 'config', 'wording'), dir, { recursive: true });
  const file = join(dir, 'en.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace(SUMMARY, (_all, indent: string) => line(indent)),
  );
  try {
    loadWording(dir, DEFAULT_CONFIG);
  } catch (error) {
    if (error instanceof ConfigError) return { file, problems: [...error.problems] };
    throw error;
  }
  return { file, problems: [] };
}

describe('a wording file with a mistake', () => {
  it('a summary indented one column less: one error, with a hint about indentation', () => {
    const { problems } = problemsWith((indent) => `${indent.slice(1)}summary: 'Short'`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /en\.yaml:\d+:\d+ .*: check the indentation here: keys under a rule line up \(e\.g\. summary and detail\), and every line of a `detail: \|` block is indented further than `detail`$/,
    );
  });

  it('a misspelt variable: did you mean', () => {
    const { problems } = problemsWith(
      (indent) => `${indent}summary: 'In the last {{imaging.lookbackdays}} days'`,
    );
    // The summary's other problem (its lowered tag gone) is said too.
    expect(problems).toContainEqual(
      expect.stringMatching(
        /summary: unknown variable "imaging\.lookbackdays"; did you mean "imaging\.lookbackDays"\?$/,
      ),
    );
  });

  it('an unclosed tag: its line and column in the text', () => {
    const { problems } = problemsWith((indent) => `${indent}summary: 'EMD {{#lowered}x'`);
    expect(problems).toEqual([
      expect.stringMatching(
        /summary: the tag "\{\{#lowered\}x" at line 1, column 5 of this text is not closed: end it with \}\}$/,
      ),
    ]);
  });
});
