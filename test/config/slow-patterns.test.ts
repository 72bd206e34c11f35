/**
 * Text patterns that scslre let through and that held the event loop for a whole call (a
 * read-only probe, session 38, round 7b): each is refused at load and at reload, with file,
 * line, path and what to write instead, because record text is request data (issue #19;
 * docs/security.md "Algorithmic complexity from one request"). The times are the probe's, on
 * texts of the pattern's own words repeated.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { SettingsStore } from '../../src/config/settings-store.js';

// A slow pattern is slow to time too: each refusal reads texts of 100 KB until one passes a limit,
// seconds on CI's loaded two cores. Its verdict does not depend on that time, only its length.
vi.setConfig({ testTimeout: 180_000 });
import { capturingLogger } from '../support/logs.js';

const parse = (text: string) => parseConfigText(text, 'site.yaml');

/**
 * Leaving the other shipped patterns out needs emd-unclassified's acknowledgement (H124);
 * these tests are about a pattern's speed, not about that.
 */
const ACKNOWLEDGED = `rules:\n  emd-unclassified:\n    acknowledgement: 'test: the patterns of this test only'\n`;

/** A config whose patterns are a built-in one, then `source`: the second is at fault. */
const withPattern = (source: string) =>
  `textOnlyPatterns:\n  - ${JSON.stringify('plasm[ao]cytoma(?![\\s-]?like)')}\n  - ${JSON.stringify(source)}\n${ACKNOWLEDGED}`;

/**
 * The refusal's message for the config's only problem. A refusal times its pattern, 2 to 5 s
 * of CPU each: a config refused once in this file is not timed again by the next test that
 * reads its message (a test run alone times it itself).
 */
const refusals = new Map<string, string>();
function refusalOf(text: string): string {
  const known = refusals.get(text);
  if (known !== undefined) return known;
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    refusals.set(text, message);
    return message;
  }
  throw new Error('the configuration was accepted');
}

const WINDOW_ADVICE = 'write a bounded window such as [^.;]{0,60}';

describe('a text pattern that matches in more than linear time is refused at load', () => {
  const probed: [string, string, string][] = [
    // [pattern, its time in the probe, the advice the refusal gives]
    [
      'plasmacytoma.*excluded',
      '89 s on 1 MB',
      `its \`.*\` is retried from every occurrence: ${WINDOW_ADVICE}`,
    ],
    [
      'plasmacytoma(?=[^.;]*$)',
      '62 s on 1 MB',
      `its \`[^.;]*\` is retried from every occurrence: ${WINDOW_ADVICE}`,
    ],
    [
      'plasm[ao]cytoma(?!.*excluded)',
      '34 s on 1 MB',
      `its \`.*\` is retried from every occurrence: ${WINDOW_ADVICE}`,
    ],
    ['(?:a{0,200}){0,200}b', 'over 40 s on 10 KB', 'its `(?:a{0,200}){0,200}` repeats a repeat'],
    [
      'extra[\\s-]?osseous myeloma(?!.*excluded)',
      '14 s on 1 MB through the service',
      `its \`.*\` is retried from every occurrence: ${WINDOW_ADVICE}`,
    ],
  ];

  // A window of thousands is refused from the syntax tree, whatever the machine: at most 200.
  it.each([
    ['[^.]{0,5000}plasmacytoma', '23 s on 1 MB', 5000],
    ['[^.]{0,20000}z', '9 s on 100 KB', 20000],
    ['plasmacytoma[^.;]{0,201}excluded', 'one over the bound', 201],
  ])('%s (%s) is refused for its window', (source, _probe, max) => {
    const raw = source.slice(source.indexOf('[^'), source.indexOf('}') + 1);
    expect(refusalOf(withPattern(source))).toMatch(
      new RegExp(
        `^site\\.yaml:3:5 textOnlyPatterns\\.1: its \`${raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` reads up to ${String(max)} characters from every position, where 200 is the most one repeat may read: write a short window such as \\[\\^\\.;\\]\\{0,60\\}`,
      ),
    );
  });

  it.each(probed)('%s (%s)', (source, _probe, advice) => {
    const message = refusalOf(withPattern(source));
    expect(message).toMatch(
      /^site\.yaml:3:5 textOnlyPatterns\.1: takes (more than )?\d+ ms on a 100 KB text of repeated "/,
    );
    expect(message).toContain(advice);
  });

  it('names the text it was timed on', () => {
    expect(refusalOf(withPattern('plasmacytoma.*excluded'))).toMatch(
      /textOnlyPatterns\.1: takes (more than )?\d+ ms on a 100 KB text of repeated "plasmacytoma", (where 500 ms is the limit|\d+ times its time on 10 KB \(linear time: 10 times\)): /,
    );
    expect(refusalOf(withPattern('plasm[ao]cytoma(?!.*excluded)'))).toMatch(
      /on a 100 KB text of repeated "plasmacytoma" ending "plasmacytoma excluded \\n", (where|\d+ times)/,
    );
  });

  it('refuses a pattern whose time on 100 KB grows far faster than on 10 KB', () => {
    // Each match reads on to the end of the text, but is tried only every 40 characters: the
    // quadratic shape at a tenth of `plasmacytoma(?=[^.;]*$)`'s speed. A faster machine finds it
    // under the limit and refuses it by its growth; a slower one by the limit.
    const source = `${'abcdefghijklmnopqrstuvwxyz'.repeat(2).slice(0, 40)}(?=[^.;]*$)`;
    expect(refusalOf(withPattern(source))).toMatch(
      /textOnlyPatterns\.1: takes (more than )?\d+ ms on a 100 KB text of repeated "abcdefghijklmnopqrstuvwx…" ending "\.;", (where 500 ms is the limit|\d+ times its time on 10 KB \(linear time: 10 times\)): its `\[\^\.;\]\*` is retried from every occurrence/,
    );
  });

  it('accepts the same readings written with bounded windows', () => {
    const config = parse(
      `textOnlyPatterns:\n${[
        'plasmacytoma[^.;]{0,60}excluded',
        'plasmacytoma(?=[^.;]{0,60}$)',
        'plasm[ao]cytoma(?![^.;]{0,60}excluded)',
        'extra[\\s-]?osseous myeloma(?![^.;]{0,60}excluded)',
        '\\bsoft[\\s-]tissue plasmacytoma\\b',
      ]
        .map((source) => `  - ${JSON.stringify(source)}\n`)
        .join('')}${ACKNOWLEDGED}`,
    );
    expect(config.textOnlyPatterns).toHaveLength(5);
  });
});

describe('a hot reload', () => {
  it('refuses a slow pattern, keeping the patterns in force', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emd-cds-slow-')), 'site.yaml');
    writeFileSync(file, withPattern('plasmacytoma[^.;]{0,60}excluded'));
    const { logger, log } = capturingLogger();
    const store = new SettingsStore(() => buildSettings(readConfigFile(file), { file }), logger);
    const before = store.current().configHash;

    writeFileSync(file, withPattern('plasmacytoma.*excluded'));
    expect(store.reload('SIGHUP')).toBe(false);
    expect(store.current().configHash).toBe(before);
    expect(store.current().rules.textOnlyPatterns.map((pattern) => pattern.source)).toContain(
      'plasmacytoma[^.;]{0,60}excluded',
    );
    expect(log()).toMatch(/configuration reload refused; the running configuration stays in force/);
    expect(store.refusedReload()?.problems).toEqual([
      expect.stringMatching(
        /\/site\.yaml:3:5 textOnlyPatterns\.1: takes (more than )?\d+ ms on a 100 KB text of repeated "plasmacytoma"/,
      ),
    ]);
  });
});

describe('a textOnlyContext list', () => {
  const cues = (count: number) =>
    Array.from({ length: count }, (_, i) => `    - ${'a'.repeat(1 + (i % 40))}\n`).join('');

  it('of more than 50 cues is refused, naming it', () => {
    // 100 one-letter cues of `current` took 11.8 s on a 1 MB text of that letter (the probe).
    for (const list of ['current', 'historyBefore', 'hedgeAfter'])
      expect(refusalOf(`textOnlyContext:\n  ${list}:\n${cues(51)}`)).toMatch(
        new RegExp(
          `^site\\.yaml:3:5 textOnlyContext\\.${list}: holds 51 cues; at most 50 in a list`,
        ),
      );
  });

  it('of 50 cues is accepted', () => {
    expect(parse(`textOnlyContext:\n  current:\n${cues(50)}`).textOnlyContext.current).toHaveLength(
      50,
    );
  });
});
