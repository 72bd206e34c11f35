/**
 * The configuration file: every invalid kind names the file, line, column and path; the
 * defaults reproduce the rules page; a critical rule can only be weakened with an
 * acknowledgement; and the shipped JSON Schema and example are current.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseConfigText, readConfigFile } from '../../src/config/config-file.js';
import { configJsonSchema } from '../../src/config/config-json-schema.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { configWarnings } from '../../src/config/config-warnings.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';

const parse = (text: string) => parseConfigText(text, 'site.yaml');

describe('invalid configurations get an error naming file, line, column and path', () => {
  const cases: [string, string, RegExp][] = [
    [
      'an unknown key (typo)',
      'phase:\n  windowDay: 30\n',
      /^site\.yaml:2:3 phase\.windowDay: Unrecognized key: "windowDay"/,
    ],
    [
      'a wrong type',
      'phase:\n  windowDays: ninety\n',
      /^site\.yaml:2:15 phase\.windowDays: a whole number of days, digits only \(not the text "ninety"\)/,
    ],
    [
      'an indicator that does not exist',
      'rules:\n  emd-soft-tissue:\n    indicator: urgent\n',
      /^site\.yaml:3:16 rules\.emd-soft-tissue\.indicator: Invalid option: expected one of "info"\|"warning"\|"critical"/,
    ],
    [
      'an unknown rule id',
      'rules:\n  emd-liver:\n    enabled: false\n',
      /^site\.yaml:2:3 rules\.emd-liver: /,
    ],
    [
      'a text pattern that is not a regular expression',
      'textOnlyPatterns:\n  - "plasm(a"\n',
      /^site\.yaml:2:5 textOnlyPatterns\.0: must be a valid regular expression/,
    ],
    [
      // Issue #19: record text is request data; `\s+` retried from every start position is quadratic.
      'a text pattern whose matching time grows faster than the text',
      'textOnlyPatterns:\n  - "\\\\s+plasmacytoma"\n',
      /^site\.yaml:2:5 textOnlyPatterns\.0: takes quadratic or worse time on a long text/,
    ],
    [
      'a text pattern with nested quantifiers',
      'textOnlyPatterns:\n  - "(\\\\w+)+cytoma"\n',
      /^site\.yaml:2:5 textOnlyPatterns\.0: takes exponential time on a long text/,
    ],
    [
      // H136, H135: the trace's words are checked as the text-only patterns are.
      'a myeloma pattern that is not a regular expression',
      'textOnlyMyelomaPatterns:\n  - "multiple myeloma)"\n',
      /^site\.yaml:2:5 textOnlyMyelomaPatterns\.0: must be a valid regular expression/,
    ],
    [
      'a myeloma pattern whose matching time grows faster than the text',
      'textOnlyMyelomaPatterns:\n  - kahler\n  - "\\\\s+myeloma"\n',
      /^site\.yaml:3:5 textOnlyMyelomaPatterns\.1: takes quadratic or worse time on a long text/,
    ],
    [
      'an other-disease pattern that is not a regular expression',
      'textOnlyOtherDiseasePatterns:\n  - "carcinom[a"\n',
      /^site\.yaml:2:5 textOnlyOtherDiseasePatterns\.0: must be a valid regular expression/,
    ],
    [
      'an other-disease pattern with nested quantifiers',
      'textOnlyOtherDiseasePatterns:\n  - "(\\\\w+)+oma"\n',
      /^site\.yaml:2:5 textOnlyOtherDiseasePatterns\.0: takes exponential time on a long text/,
    ],
    [
      // H88: cues are words the matcher compares whole, not patterns.
      'a negation cue that is not words',
      'textOnlyNegation:\n  before:\n    - "no (evidence)"\n',
      /^site\.yaml:3:7 textOnlyNegation\.before\.0: must be words separated by single blanks/,
    ],
    [
      'a negation scope end of two words',
      'textOnlyNegation:\n  scopeEnds:\n    - apart from\n',
      /^site\.yaml:3:7 textOnlyNegation\.scopeEnds\.0: must be one word/,
    ],
    [
      'a negation cue longer than 40 characters',
      `textOnlyNegation:\n  after:\n    - ${'x'.repeat(41)}\n`,
      /^site\.yaml:3:7 textOnlyNegation\.after\.0: Too big/,
    ],
    [
      'a link that is not a URL',
      'links:\n  trials: clinicaltrials\n',
      /^site\.yaml:2:11 links\.trials: /,
    ],
    // Cards emit links.trials and links.pathway as `absolute` links the EHR opens: http(s) only.
    [
      'a trials link that runs script',
      'links:\n  trials: "javascript:alert(1)"\n',
      /^site\.yaml:2:11 links\.trials: must be an http or https URL/,
    ],
    [
      // YAML 1.2 (the yaml package) reads `no` as text, where YAML 1.1 read a boolean.
      'a switch written as no',
      'auth:\n  discovery: no\n',
      /^site\.yaml:2:14 auth\.discovery: expected true or false, received text: write true or false \(YAML reads yes, no, on and off as text\)\n/,
    ],
    [
      // CDS Hooks 2.0 Link.url is an absolute URL; a space is not part of one (RFC 3986).
      'a trials link with a space in it',
      'links:\n  trials: "https://trials.example.org/search?q=extramedullary myeloma"\n',
      /^site\.yaml:2:11 links\.trials: has a space in it: write each space as %20/,
    ],
    [
      'a pathway link that is a data: URL',
      'links:\n  pathway: "data:text/html,<script>alert(1)</script>"\n',
      /^site\.yaml:2:12 links\.pathway: must be an http or https URL/,
    ],
    [
      'a pathway link on ftp',
      'links:\n  pathway: ftp://files.hospital.example.org/pathway.pdf\n',
      /^site\.yaml:2:12 links\.pathway: must be an http or https URL/,
    ],
    [
      'a timeline link that runs script',
      'links:\n  timeline: "javascript:alert(1)"\n',
      /^site\.yaml:2:13 links\.timeline: must be an http or https URL/,
    ],
    [
      // docs/configuring.md §4: suppressCritical "needs the same review as switching the rule off".
      'suppressCritical on a critical rule without acknowledgement',
      'rules:\n  emd-cns:\n    suppressAfterOverrideDays: 30\n    suppressCritical: true\n',
      /^site\.yaml:3:5 rules\.emd-cns\.acknowledgement: emd-cns: suppressCritical: true hides critical cards after an override, which needs the same review as switching the rule off: it needs an acknowledgement \(who decided it and why\)$/m,
    ],
    [
      'suppressCritical on a rule raised to critical without acknowledgement',
      'rules:\n  emd-soft-tissue:\n    indicator: critical\n    suppressAfterOverrideDays: 7\n    suppressCritical: true\n',
      /^site\.yaml:3:5 rules\.emd-soft-tissue\.acknowledgement: emd-soft-tissue: suppressCritical: true hides critical cards/,
    ],
    [
      'an unknown value-set role',
      'valueSets:\n  roles:\n    siteLung: https://x.example/vs\n',
      /^site\.yaml:3:5 valueSets\.roles\.siteLung: /,
    ],
    [
      'a critical rule switched off without acknowledgement',
      'rules:\n  emd-cns:\n    enabled: false\n',
      /^site\.yaml:3:5 rules\.emd-cns\.acknowledgement: emd-cns is a critical rule/,
    ],
    [
      // An acknowledgement "says who decided it and why" (docs/configuring.md §4): blanks do not.
      'a critical rule switched off with an acknowledgement of blanks',
      "rules:\n  emd-cns:\n    enabled: false\n    acknowledgement: '            '\n",
      /^site\.yaml:4:22 rules\.emd-cns\.acknowledgement: must say who decided it and why: at least 10 characters besides blanks/,
    ],
    [
      'suppressCritical with an acknowledgement padded to length with blanks',
      "rules:\n  emd-cns:\n    suppressAfterOverrideDays: 30\n    suppressCritical: true\n    acknowledgement: '  ok        '\n",
      /^site\.yaml:5:22 rules\.emd-cns\.acknowledgement: must say who decided it and why/,
    ],
    [
      'an override reason code given twice',
      'overrideReasons:\n  codes:\n    - already-aware\n    - not-relevant\n    - already-aware\n',
      /^site\.yaml:5:7 overrideReasons\.codes\.2: repeats the code already-aware: each reason is offered once$/m,
    ],
    [
      'a critical rule lowered without acknowledgement',
      'rules:\n  emd-leptomeningeal:\n    indicator: warning\n',
      /rules\.emd-leptomeningeal\.acknowledgement: emd-leptomeningeal is a critical rule/,
    ],
    [
      'a critical rule silenced without acknowledgement (issue #17)',
      'rules:\n  emd-leptomeningeal:\n    mode: silent\n',
      /^site\.yaml:3:5 rules\.emd-leptomeningeal\.acknowledgement: emd-leptomeningeal is a critical rule: silencing it \(mode: silent\) needs an acknowledgement/,
    ],
    [
      'emd-cns silenced without acknowledgement',
      'rules:\n  emd-cns:\n    mode: silent\n    suppressAfterOverrideDays: 7\n',
      /^site\.yaml:3:5 rules\.emd-cns\.acknowledgement: emd-cns is a critical rule: silencing it/,
    ],
    [
      'emd-unclassified silenced without acknowledgement',
      'rules:\n  emd-unclassified:\n    mode: silent\n',
      /^site\.yaml:3:5 rules\.emd-unclassified\.acknowledgement: emd-unclassified keeps unclassifiable findings from being dropped silently: silencing it/,
    ],
    [
      'a mode that is neither live nor silent',
      'rules:\n  emd-soft-tissue:\n    mode: quiet\n',
      /^site\.yaml:3:11 rules\.emd-soft-tissue\.mode: /,
    ],
    ['YAML that does not parse', 'phase: [\n', /^site\.yaml:\d+:\d+ /],
    [
      'a duplicate key',
      'phase:\n  windowDays: 30\n  windowDays: 60\n',
      /^site\.yaml:3:3 Map keys must be unique/,
    ],
    [
      'a tab as indentation, saying what to do',
      'phase:\n\twindowDays: 30\n',
      /^site\.yaml:2:1 Tabs are not allowed as indentation: indent with spaces$/m,
    ],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    expect(() => parse(text)).toThrow(ConfigError);
    expect(() => parse(text)).toThrow(message);
  });

  it('says when the file cannot be read', () => {
    expect(() => readConfigFile('/nonexistent/site.yaml')).toThrow(
      '/nonexistent/site.yaml: cannot be read (ENOENT)',
    );
  });

  // A ConfigError like the file's other problems above, not the plain Error of a file an
  // environment variable names (src/issue-lines.ts bytesOfFileNamedBy).
  it('says so as a ConfigError', () => {
    expect(() => readConfigFile('/nonexistent/site.yaml')).toThrow(ConfigError);
  });

  // zod reports every unknown key of one map in one issue, on the map: each is its own typo,
  // so each gets its own line, at its own line and column.
  it('names each unknown key of a map on a line of its own, at that key', () => {
    const problems = (text: string) => {
      try {
        parse(text);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
      }
      return [];
    };
    expect(
      problems(
        'phase:\n  windowDay: 120\nimaging:\n  lookbackDays: 365\n  lookback: 30\n  lookbak: 60\n',
      ),
    ).toEqual([
      'site.yaml:2:3 phase.windowDay: Unrecognized key: "windowDay"; did you mean "windowDays"?',
      'site.yaml:5:3 imaging.lookback: Unrecognized key: "lookback"; did you mean "lookbackDays"?',
      'site.yaml:6:3 imaging.lookbak: Unrecognized key: "lookbak"; this map takes: lookbackDays',
    ]);
    expect(problems('phase: { windowDay: 120, window: 30 }\n')).toEqual([
      'site.yaml:1:10 phase.windowDay: Unrecognized key: "windowDay"; did you mean "windowDays"?',
      'site.yaml:1:26 phase.window: Unrecognized key: "window"; did you mean "windowDays"?',
    ]);
  });

  it('names every file or folder it names that does not exist, each at its key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emd-cds-missing-'));
    mkdirSync(join(dir, 'value-sets'));
    const file = join(dir, 'site.yaml');
    writeFileSync(
      file,
      'valueSets:\n  files:\n    - value-sets\n    - no-such-folder\n    - no-such-file.json\nwording:\n  dir: no-such-wording\n',
    );
    expect(() => readConfigFile(file)).toThrow(
      [
        `${file}:4:7 valueSets.files.1: not found (${join(dir, 'no-such-folder')})`,
        `${file}:5:7 valueSets.files.2: not found (${join(dir, 'no-such-file.json')})`,
        `${file}:7:8 wording.dir: not found (${join(dir, 'no-such-wording')})`,
      ].join('\n'),
    );
  });
});

describe('valid configurations', () => {
  it('an empty file is the built-in configuration, which reproduces the rules page', () => {
    expect(parse('')).toEqual(DEFAULT_CONFIG);
    expect(buildSettings(parse(''), { file: undefined }).configHash).toBe(
      loadDefaultSettings().configHash,
    );
    expect(DEFAULT_CONFIG.phase.windowDays).toBe(90);
    expect(DEFAULT_CONFIG.imaging.lookbackDays).toBe(180);
  });

  it('a critical rule switched off with an acknowledgement is accepted, and warned about', () => {
    const config = parse(
      'rules:\n  emd-cns:\n    enabled: false\n    acknowledgement: "Neuro-oncology pathway handles CNS alerts (J. Doe, CMIO, 2026-11)"\n',
    );
    const settings = buildSettings(config, { file: undefined });
    expect(settings.rules.disabledRules.has('emd-cns')).toBe(true);
    expect(configWarnings(config)).toEqual([
      'rule emd-cns is switched off by configuration (acknowledged: "Neuro-oncology pathway handles CNS alerts (J. Doe, CMIO, 2026-11)")',
    ]);
  });

  it('a silent rule needs no acknowledgement unless critical, and a silenced critical rule with one is accepted and warned about', () => {
    const softTissue = buildSettings(parse('rules:\n  emd-soft-tissue:\n    mode: silent\n'), {
      file: undefined,
    });
    expect([...softTissue.silentRules]).toEqual(['emd-soft-tissue']);
    expect(loadDefaultSettings().silentRules.size).toBe(0);
    const config = parse(
      'rules:\n  emd-cns:\n    mode: silent\n    acknowledgement: "Silent for four weeks before go-live (J. Doe, CMIO, 2026-11)"\n',
    );
    expect(configWarnings(config)).toEqual([
      'rule emd-cns is silent by configuration: audited, never shown (acknowledged: "Silent for four weeks before go-live (J. Doe, CMIO, 2026-11)")',
    ]);
  });

  it('links on http and https are accepted', () => {
    const config = parse(
      'links:\n  trials: https://trials.hospital.example.org/myeloma\n  pathway: http://intranet.hospital.example.org/pathways/myeloma\n',
    );
    expect(config.links.trials).toBe('https://trials.hospital.example.org/myeloma');
    expect(config.links.pathway).toBe('http://intranet.hospital.example.org/pathways/myeloma');
  });

  it('suppressCritical with an acknowledgement is accepted, and warned about', () => {
    const config = parse(
      'rules:\n  emd-cns:\n    suppressAfterOverrideDays: 30\n    suppressCritical: true\n    acknowledgement: "Neuro-oncology reviews overridden CNS cards monthly (J. Doe, CMIO, CR-2026-131)"\n',
    );
    expect(buildSettings(config, { file: undefined }).suppression['emd-cns']).toEqual({
      days: 30,
      includeCritical: true,
    });
    expect(configWarnings(config)).toEqual([
      'rule emd-cns may suppress its critical cards for 30 days after an override (suppressCritical) (acknowledged: "Neuro-oncology reviews overridden CNS cards monthly (J. Doe, CMIO, CR-2026-131)")',
    ]);
  });

  // docs/go-live.md: "`mode: silent` needs the rule switched on … A rule switched off is not evaluated at all."
  it('a rule switched off and set silent is warned about: nothing is evaluated or audited', () => {
    const config = parse('rules:\n  emd-soft-tissue:\n    enabled: false\n    mode: silent\n');
    expect(configWarnings(config)).toEqual([
      'rule emd-soft-tissue is switched off by configuration',
      'rule emd-soft-tissue is set to mode: silent but switched off (enabled: false): it is not evaluated and nothing is audited; a silent trial needs the rule switched on',
    ]);
  });

  it('a different configuration gives a different config hash', () => {
    expect(
      buildSettings(parse('phase:\n  windowDays: 60\n'), { file: undefined }).configHash,
    ).not.toBe(loadDefaultSettings().configHash);
  });

  it('the shipped example configuration is valid', () => {
    const file = join(PROJECT_ROOT, 'config', 'emd-cds.example.yaml');
    expect(() => buildSettings(readConfigFile(file), { file })).not.toThrow();
  });

  it('the shipped JSON Schema is current (run `npm run config-schema` after changing the schema)', () => {
    const shipped = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'config', 'emd-cds.schema.json'), 'utf8'),
    ) as unknown;
    expect(shipped).toEqual(configJsonSchema());
  });
});
