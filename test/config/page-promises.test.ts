/**
 * Config that `emd-cds validate --strict` passed and that broke the rules page's promises
 * (probe 8): ../shared/spec/emd-rules.md §2 "Status", §6 "never a warning or critical from
 * refuted, entered-in-error, resolved or text-only data — whatever the configuration says",
 * "never drops a finding silently", §4's levels. Each is refused at its key, in the one schema
 * `validate`, the start and every reload parse.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { configWarnings } from '../../src/config/config-warnings.js';

function refusals(raw: unknown): { path: string; message: string }[] {
  const parsed = configSchema.safeParse(raw);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('status words that contradict each other (§2 "Status", §6; H123)', () => {
  it('refuses a notAbated word that is a history word, naming its place and the list', () => {
    const found = refusals({ statusWords: { notAbated: ['ongoing', 'resolved'] } });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('statusWords.notAbated.1');
    expect(found[0]?.message).toContain('statusWords.history');
  });

  it('compares as the reader does: case, spacing and separators do not matter', () => {
    const found = refusals({ statusWords: { notAbated: ['In-Remission.', 'Entered  in error'] } });
    expect(found.map((f) => f.path)).toEqual([
      'statusWords.notAbated.0',
      'statusWords.notAbated.1',
    ]);
    expect(found[1]?.message).toContain('statusWords.ignored');
  });

  it('refuses a word the site moved from the shipped history list into notAbated', () => {
    const found = refusals({
      statusWords: { history: ['inactive'], notAbated: ['ongoing', 'remission'] },
    });
    expect(found.map((f) => f.path)).toEqual(['statusWords.notAbated.1']);
    expect(found[0]?.message).toContain('statusWords.history (shipped)');
  });

  it('refuses a Chinese history word in notAbated (已缓解: remitted)', () => {
    expect(refusals({ statusWords: { notAbated: ['已缓解'] } }).map((f) => f.path)).toEqual([
      'statusWords.notAbated.0',
    ]);
  });

  it('refuses a word in both the history and the ignored list', () => {
    const found = refusals({ statusWords: { history: ['resolved', 'Refuted'] } });
    expect(found.map((f) => f.path)).toEqual(['statusWords.history.1']);
  });

  it('refuses a text-only `current` word that a history cue holds (H100)', () => {
    const found = refusals({ textOnlyContext: { current: ['recurrent', 'history'] } });
    expect(found.map((f) => f.path)).toEqual(['textOnlyContext.current.1']);
    expect(found[0]?.message).toContain('textOnlyContext.historyBefore');
  });

  it('compares a cue and a `current` word whatever their case, as the reader does', () => {
    const found = refusals({
      textOnlyContext: { historyBefore: ['Prior Relapse Of'], current: ['RELAPSE'] },
    });
    expect(found.map((f) => f.path)).toEqual(['textOnlyContext.current.0']);
    expect(found[0]?.message).toContain('"RELAPSE" is in a textOnlyContext.historyBefore cue');
  });

  it('still loads words of its own that contradict nothing', () => {
    expect(
      refusals({
        statusWords: { notAbated: ['still under treatment'], history: ['resolved', 'healed'] },
        textOnlyContext: { current: ['recurrent', 'regrowth'] },
      }),
    ).toEqual([]);
  });
});

describe('textOnlyPatterns narrower than the shipped list (§6 never drops silently; H124)', () => {
  it('refuses an empty list without an acknowledgement, naming what it leaves out', () => {
    const found = refusals({ textOnlyPatterns: [] });
    expect(found.map((f) => f.path)).toEqual(['textOnlyPatterns']);
    expect(found[0]?.message).toContain('plasm[ao]cytoma');
    expect(found[0]?.message).toContain('H99');
    expect(found[0]?.message).toContain('rules.emd-unclassified.acknowledgement');
  });

  it('refuses a list that keeps only the plasmacytoma pattern', () => {
    const found = refusals({ textOnlyPatterns: ['plasm[ao]cytoma(?![\\s-]?like)'] });
    expect(found.map((f) => f.path)).toEqual(['textOnlyPatterns']);
    expect(found[0]?.message).not.toContain('#1 ');
    expect(found[0]?.message).toContain('leptomeningeal myeloma');
  });

  it('loads the narrowing with an acknowledgement on emd-unclassified', () => {
    expect(
      refusals({
        textOnlyPatterns: [],
        rules: { 'emd-unclassified': { acknowledgement: 'Dr A, myeloma lead: no free text' } },
      }),
    ).toEqual([]);
  });

  it('warns at every start when the narrowing is acknowledged', () => {
    const config = configSchema.parse({
      textOnlyPatterns: [],
      rules: { 'emd-unclassified': { acknowledgement: 'Dr A, myeloma lead: no free text' } },
    });
    expect(configWarnings(config).filter((w) => w.startsWith('textOnlyPatterns'))).toHaveLength(1);
  });

  it('lets a site add patterns to the shipped ones freely', () => {
    const shipped = configSchema.parse({}).textOnlyPatterns;
    expect(refusals({ textOnlyPatterns: [...shipped, 'myelomatosis'] })).toEqual([]);
  });
});

describe('a level the output guard would always take back (§4 table, §6)', () => {
  for (const indicator of ['warning', 'critical'])
    it(`refuses emd-reported-not-listed at ${indicator}, naming the key and the cap`, () => {
      const found = refusals({ rules: { 'emd-reported-not-listed': { indicator } } });
      expect(found.map((f) => f.path)).toEqual(['rules.emd-reported-not-listed.indicator']);
      expect(found[0]?.message).toContain('info');
      expect(found[0]?.message).toContain('§6');
    });

  it('keeps info, and a level the guard lets stand for a patient with a finding', () => {
    // emd-imaging-review's card cites the patient's active findings (rules page §4: "what to
    // look for" on a myeloma patient's whole-body study), so a raised level can stand.
    expect(
      refusals({
        rules: {
          'emd-reported-not-listed': { indicator: 'info' },
          'emd-imaging-review': { indicator: 'critical' },
          'emd-imaging-order': { indicator: 'warning' },
        },
      }),
    ).toEqual([]);
  });
});

describe('no trial link (§1: "the trial link is part of every EMD/CNS card")', () => {
  it('warns when links.trials is null, naming §1', () => {
    const warnings = configWarnings(configSchema.parse({ links: { trials: null } }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('links.trials');
    expect(warnings[0]).toContain('§1');
  });

  it('says nothing for a trial link of the site', () => {
    expect(
      configWarnings(configSchema.parse({ links: { trials: 'https://trials.example.org/emd' } })),
    ).toEqual([]);
  });
});
