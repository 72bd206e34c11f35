/**
 * The worked examples of docs/configuring.md, run as the page shows them. The page's files
 * are fenced blocks with an info string naming where they go (`yaml title=site/x.yaml`,
 * `json title=site/value-sets/x.json`, `yaml patch=site/wording/en.yaml` for an edit of the
 * copied wording); they are written into a temporary `site/` folder exactly as shown. The
 * page's own commands are then run through the command line (`emd-cds evaluate … --json`,
 * `emd-cds validate …`) and the same configuration is served over HTTP by the real app; the
 * cards each gives must be the ones the page's `cards=<name>` blocks show, before (built-in
 * configuration) and after. So the page cannot drift from what the service does.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';
import { buildExampleRequests } from '../../scripts/example-requests.js';
import { CARD_EXTENSION } from '../../src/cds/cards/build-card.js';
import type { CdsCard as Card } from '../support/cds-hooks-schema.js';
import { renderCards } from '../../src/cli/render-cards.js';
import { readConfigFile } from '../../src/config/config-file.js';
import { serviceOptions } from '../../src/config/environment.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { PATHS, PROJECT_ROOT } from '../../src/config/project-paths.js';
import { expectValidHookResponse, testApp } from '../support/app.js';
import { CLI_ARGS } from '../support/built.js';
import { capturingLogger } from '../support/logs.js';
import { blockWith as blockIn, fencedBlocks, type DocBlock } from '../docs/doc-blocks.js';

const DOC_PATH = join(PROJECT_ROOT, 'docs', 'configuring.md');
const DOC = readFileSync(DOC_PATH, 'utf8');
const NOW = '2026-11-01T00:00:00Z';
/** Each command-line run takes about a second on CI's machines; far more on a loaded one. */
const CLI_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------
// The page: its fenced blocks (../docs/doc-blocks.ts).

const BLOCKS = fencedBlocks(DOC, DOC_PATH);
const blockWith = (key: string, value: string): DocBlock => blockIn(BLOCKS, key, value);

/** The page's shell commands, one per line. */
const COMMANDS = BLOCKS.filter((b) => b.lang === 'sh').flatMap((b) =>
  b.body.split('\n').filter((line) => line.startsWith('npm run -s cli -- ')),
);

// ---------------------------------------------------------------------------------------
// The site folder, written from the page.

const ROOT = mkdtempSync(join(tmpdir(), 'emd-cds-configuring-'));
/** Every temporary folder this file makes, removed at the end. */
const TEMP_DIRS = [ROOT];
function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `emd-cds-configuring-${purpose}-`));
  TEMP_DIRS.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of TEMP_DIRS) rmSync(dir, { recursive: true, force: true });
});
const inSite = (docPath: string) => join(ROOT, docPath);

function applyPatch(file: string, patch: string): void {
  const target = parseDocument(readFileSync(file, 'utf8'));
  const walk = (value: unknown, path: string[]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
    } else target.setIn(path, value);
  };
  walk(parseYaml(patch), []);
  writeFileSync(file, target.toString({ lineWidth: 0 }));
}

function writeSite(): void {
  for (const block of BLOCKS) {
    const title = block.attrs.get('title');
    if (title === undefined) continue;
    if (!title.startsWith('site/')) throw new Error(`${title}: the page's files live in site/`);
    mkdirSync(dirname(inSite(title)), { recursive: true });
    writeFileSync(inSite(title), block.body);
  }
  // Example e: `cp -r config/wording site/wording`, then the edits the page shows.
  cpSync(PATHS.wording, inSite('site/wording'), { recursive: true });
  for (const block of BLOCKS) {
    const patch = block.attrs.get('patch');
    if (patch !== undefined) applyPatch(inSite(patch), block.body);
  }
}
writeSite();

// ---------------------------------------------------------------------------------------
// Running the page's commands.

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The page's command that names `docFile` (site/…), run as written (site/ is the temp folder). */
function docCommand(verb: 'evaluate' | 'validate', docFile: string): string[] {
  const matching = COMMANDS.filter(
    (c) =>
      c.startsWith(`npm run -s cli -- ${verb} `) &&
      c.split(' ').includes(docFile) &&
      (verb === 'validate' || c.includes(`--now ${NOW} --explain`)),
  );
  if (matching.length !== 1)
    throw new Error(`${DOC_PATH}: expected one "${verb}" command with ${docFile}`);
  return (matching[0] as string)
    .slice('npm run -s cli -- '.length)
    .split(' ')
    .map((arg) => (arg.startsWith('site/') ? inSite(arg) : arg));
}

function cli(args: readonly string[]): CliRun {
  const env = { ...process.env };
  delete env.EMD_CDS_CONFIG;
  const run = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env,
    timeout: CLI_TIMEOUT_MS,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Output as the reader sees it: the temp folder's paths as the page writes them. */
const asOnPage = (text: string) => text.split(`${ROOT}/`).join('');

interface Explained {
  cards: Card[];
  explain: {
    trace: { reference?: string; message: string }[];
    outcomes: { ruleId: string; fired: boolean; indicator?: string; explain: string[] }[];
  };
}

function evaluateAsDocumented(docConfig: string): Explained {
  const args = [...docCommand('evaluate', docConfig), '--json'];
  const run = cli(args);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Explained;
}

/** The "Why:" lines of `evaluate --explain`, rebuilt from its --json form. */
function explainLines(result: Explained): string[] {
  return [
    'Why:',
    ...result.explain.trace.map(
      (line) => `  ${line.reference ? `${line.reference}: ` : ''}${line.message}`,
    ),
    ...result.explain.outcomes.flatMap((o) => [
      `  ${o.ruleId}: ${o.fired ? `fired (${o.indicator ?? ''})` : 'not fired'}`,
      ...o.explain.map((reason) => `    - ${reason}`),
    ]),
  ];
}

// ---------------------------------------------------------------------------------------
// Over HTTP: the real app with the page's configuration (or the built-in one).

function settingsFor(docConfig: string) {
  const file = inSite(docConfig);
  return buildSettings(readConfigFile(file), { file });
}

function bundleAt(path: string): fhir4.Bundle {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8')) as fhir4.Bundle;
}

/** The patient-view request an EHR would send for this Bundle (as `npm run examples` builds). */
function patientViewRequestFor(bundlePath: string): unknown {
  const first = buildExampleRequests(bundleAt(bundlePath))[0];
  if (!first) throw new Error(`${bundlePath}: no request`);
  return first.request;
}

async function cardsOverHttp(
  bundlePath: string,
  docConfig: string | undefined,
  acceptLanguage?: string,
): Promise<{ cards: Card[]; language: string | undefined }> {
  const app = docConfig
    ? testApp({
        settings: () => {
          const file = inSite(docConfig);
          return buildSettings(readConfigFile(file), { file });
        },
      })
    : testApp();
  const call = request(app).post('/cds-services/emd-patient-view');
  if (acceptLanguage) void call.set('Accept-Language', acceptLanguage);
  const response = await call.send(patientViewRequestFor(bundlePath) as object);
  expect(response.status).toBe(200);
  return {
    cards: expectValidHookResponse(response.body).cards,
    language: response.headers['content-language'],
  };
}

/**
 * The page's `cards=<name>` block against real cards: the card lines (`[indicator] summary
 * (rule)`, or `No cards.`) must be exactly these, and every other line shown must be one
 * the command line prints (`…` stands for lines left out).
 */
function expectCardsAsOnPage(name: string, cards: readonly Card[]): void {
  const rendered = renderCards(cards).split('\n');
  const shown = blockWith('cards', name)
    .body.split('\n')
    .filter((line) => line.trim() !== '' && line.trim() !== '…');
  const heads = (lines: readonly string[]) =>
    lines.filter((line) => line.startsWith('[') || line === 'No cards.');
  expect(heads(shown), `cards=${name}`).toEqual(heads(rendered));
  for (const line of shown) expect(rendered, `cards=${name}`).toContain(line);
}

const ruleIds = (cards: readonly Card[]) => cards.map((c) => c.extension?.[CARD_EXTENSION.ruleId]);
const configHashes = (cards: readonly Card[]) => [
  ...new Set(cards.map((c) => c.extension?.[CARD_EXTENSION.configHash])),
];
const DEFAULT_HASH = loadDefaultSettings().configHash;

// ---------------------------------------------------------------------------------------

describe('docs/configuring.md', () => {
  it('shows only files and commands that belong together', () => {
    const files = BLOCKS.flatMap((b) => b.attrs.get('title') ?? []);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const command of COMMANDS) {
      for (const arg of command.split(' ').filter((a) => a.startsWith('site/'))) {
        expect([...files, 'site/emd-cds.yaml'], command).toContain(arg);
      }
    }
    expect(DOC).toContain('cp -r config/wording site/wording');
  });

  it('every configuration it shows is valid, except the two shown as refused', () => {
    const refused = ['site/typos.yaml', 'site/cns-off-draft.yaml'];
    const configs = BLOCKS.flatMap((b) => b.attrs.get('title') ?? []).filter((t) =>
      t.endsWith('.yaml'),
    );
    for (const docConfig of configs) {
      if (refused.includes(docConfig))
        expect(() => settingsFor(docConfig), docConfig).toThrow(/acknowledgement|Invalid option/);
      else expect(settingsFor(docConfig).configHash, docConfig).not.toBe(DEFAULT_HASH);
    }
  });

  it('names file, line, column and path for the misspelt file (section 1)', () => {
    const file = inSite('site/typos.yaml');
    let message = '';
    try {
      readConfigFile(file);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(asOnPage(message)).toBe(blockWith('output', 'typos').body.trimEnd());
  });
});

interface Example {
  /** The page's config file for the example. */
  config: string;
  bundle: string;
  /** Names of the page's cards= blocks. */
  before: string;
  after: string;
  /** What must have changed (besides the page's card blocks). */
  expectAfter: (after: Explained) => void;
}

const EXAMPLES: Record<string, Example> = {
  'a. add a local code': {
    config: 'site/local-code.yaml',
    bundle: 'test/fixtures/configuring/local-code-plasmacytoma.json',
    before: 'local-code-before',
    after: 'local-code-after',
    expectAfter: (after) => {
      expect(ruleIds(after.cards)).toEqual(['emd-soft-tissue']);
      // Example g shows this very trace.
      const shown = blockWith('explain', 'local-code-after').body.trimEnd().split('\n');
      expect(explainLines(after)).toEqual(shown);
    },
  },
  'b. add the site concept for CNS myeloma': {
    config: 'site/cns-involvement.yaml',
    bundle: 'test/fixtures/configuring/local-code-cns-myeloma.json',
    before: 'cns-concept-before',
    after: 'cns-concept-after',
    expectAfter: (after) => {
      expect(after.cards.map((c) => c.indicator)).toEqual(['critical']);
      const because =
        'class cns: code CNS-MYELOMA (Myeloma involving the central nervous system) is in http://hospital.example.org/fhir/ValueSet/cns-involvement';
      expect(DOC).toContain(because);
      expect(explainLines(after).join('\n')).toContain(because);
    },
  },
  'c. move dura mater from CNS to bone contact': {
    config: 'site/dura-as-bone-contact.yaml',
    bundle: 'fhir-resources/examples/differential-dural-plasmacytoma.json',
    before: 'dura-before',
    after: 'dura-after',
    expectAfter: (after) => {
      expect(ruleIds(after.cards)).toEqual(['emd-paraskeletal']);
      const because =
        'class paraskeletal: body site 18545000 (Dura mater structure) is in http://hospital.example.org/fhir/ValueSet/bone-contact-with-dura: contact with bone is not true EMD';
      expect(DOC).toContain(because);
      expect(explainLines(after).join('\n')).toContain(because);
    },
  },
  'd. turn emd-paraskeletal off': {
    config: 'site/paraskeletal-off.yaml',
    bundle: 'fhir-resources/examples/paraskeletal-only.json',
    before: 'paraskeletal-off-before',
    after: 'paraskeletal-off-after',
    expectAfter: (after) => {
      expect(after.cards).toEqual([]);
      expect(after.explain.outcomes.find((o) => o.ruleId === 'emd-paraskeletal')).toMatchObject({
        fired: false,
        explain: ['switched off by configuration'],
      });
    },
  },
  'd. turn emd-cns off, with an acknowledgement': {
    config: 'site/cns-off.yaml',
    bundle: 'fhir-resources/examples/cns-parenchymal.json',
    before: 'cns-off-before',
    after: 'cns-off-after',
    expectAfter: (after) => {
      expect(after.cards).toEqual([]);
    },
  },
  'e. change the English summary of emd-soft-tissue': {
    config: 'site/wording.yaml',
    bundle: 'fhir-resources/examples/emd-skin-at-diagnosis.json',
    before: 'wording-before',
    after: 'wording-after',
    expectAfter: (after) => {
      expect(after.cards[0]?.summary).toBe(
        'True extramedullary myeloma: poor prognosis; refer to the myeloma MDT',
      );
    },
  },
  'f. change windows and links': {
    config: 'site/windows-and-links.yaml',
    bundle: 'test/fixtures/configuring/windows-and-links.json',
    before: 'windows-before',
    after: 'windows-after',
    expectAfter: (after) => {
      const card = after.cards[0];
      expect(card?.extension?.[CARD_EXTENSION.phase]).toBe('diagnosis');
      expect(card?.suggestions ?? []).toEqual([]);
      expect(card?.links?.map((l) => l.url)).toEqual([
        'https://trials.hospital.example/myeloma/extramedullary',
        'https://intranet.hospital.example/pathways/myeloma',
        'https://cds.hospital.example/timeline/launch.html',
      ]);
      expect(card?.links?.map((l) => l.type)).toEqual(['absolute', 'absolute', 'smart']);
      expect(card?.overrideReasons?.at(-1)).toMatchObject({
        code: 'discussed-at-mdt',
        display: 'Discussed at the myeloma MDT',
      });
    },
  },
  'h. diagnoses coded in the national clinical edition of ICD-10': {
    config: 'site/icd-10-cn.yaml',
    bundle: 'test/fixtures/configuring/icd-10-cn-liver-plasmacytoma.json',
    before: 'icd-10-cn-before',
    after: 'icd-10-cn-after',
    expectAfter: (after) => {
      expect(ruleIds(after.cards)).toEqual(['emd-soft-tissue']);
      expect(after.cards[0]?.extension?.[CARD_EXTENSION.phase]).toBe('relapsed');
      expect(explainLines(after)).toContain(
        '  Condition/icd-10-cn-liver-plasmacytoma-mm: myeloma Condition (http://hospital.example.cn/fhir/ValueSet/multiple-myeloma), in relapse',
      );
    },
  },
};

describe('worked examples: the page\u2019s command, then the same configuration over HTTP', () => {
  it.each(Object.entries(EXAMPLES))(
    '%s',
    async (_name, example) => {
      const before = await cardsOverHttp(example.bundle, undefined);
      expectCardsAsOnPage(example.before, before.cards);

      const after = evaluateAsDocumented(example.config);
      expectCardsAsOnPage(example.after, after.cards);
      example.expectAfter(after);
      expect(renderCards(after.cards)).not.toBe(renderCards(before.cards));

      // Over HTTP the same configuration gives the same cards, with the same config hash,
      // which is not the built-in one.
      const http = await cardsOverHttp(example.bundle, example.config);
      expect(renderCards(http.cards)).toBe(renderCards(after.cards));
      expect(configHashes(http.cards)).toEqual(configHashes(after.cards));
      const hash = settingsFor(example.config).configHash;
      expect(hash).not.toBe(DEFAULT_HASH);
      for (const card of after.cards)
        expect(card.extension?.[CARD_EXTENSION.configHash]).toBe(hash);
      for (const card of before.cards)
        expect(card.extension?.[CARD_EXTENSION.configHash]).toBe(DEFAULT_HASH);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('d. a critical rule switched off', () => {
  const shownLine = (prefix: string) => {
    const line = BLOCKS.filter((b) => b.lang === 'text')
      .flatMap((b) => b.body.split('\n'))
      .find((l) => l.startsWith(prefix));
    if (!line) throw new Error(`${DOC_PATH}: no output line starting ${prefix}`);
    return line;
  };

  it(
    'is refused by validate without an acknowledgement, naming file:line:column and path',
    () => {
      const run = cli(docCommand('validate', 'site/cns-off-draft.yaml'));
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(asOnPage(run.stderr).trimEnd()).toBe(
        blockWith('output', 'cns-off-draft').body.trimEnd(),
      );
      expect(run.stderr).toMatch(/cns-off-draft\.yaml:\d+:\d+ rules\.emd-cns\.acknowledgement: /);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'is valid with one, and validate prints the warning',
    () => {
      const run = cli(docCommand('validate', 'site/cns-off.yaml'));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const [warning, valid] = asOnPage(run.stdout).trimEnd().split('\n');
      expect(warning).toBe(shownLine('warning: site/cns-off.yaml:4:14 rule emd-cns'));
      expect(valid).toMatch(
        /^site\/cns-off\.yaml: valid \(config hash [0-9a-f]{16}; locales en, zh-CN\)$/,
      );
      expect(shownLine('site/cns-off.yaml: valid')).toBe(
        valid?.replace(/config hash [0-9a-f]+/, 'config hash …'),
      );
    },
    CLI_TIMEOUT_MS,
  );

  it('is logged as a warning when the service starts', async () => {
    const { startService } = await import('../../src/service.js');
    const file = inSite('site/cns-off.yaml');
    const { logger, lines } = capturingLogger();
    const dataDir = tempDir('store');
    const options = serviceOptions(readConfigFile(file), {
      PORT: '0',
      AUTH: 'off',
      AUTH_LOCAL_ISSUER: 'off',
      EMD_CDS_SQLITE_FILE: join(dataDir, 'emd-cds.sqlite'),
      EMD_CDS_AUDIT_SECRET: randomBytes(32).toString('base64'),
    });
    const service = await startService(options, logger, file);
    try {
      // The page shows the file as the site names it, relative to the site's folder.
      const logged = lines.map((l) => {
        const entry = JSON.parse(l) as { level: number; msg: string };
        return { ...entry, msg: asOnPage(entry.msg) };
      });
      const shown = JSON.parse(shownLine('{"level":40,').replace('…,', '')) as {
        level: number;
        msg: string;
      };
      expect(logged).toContainEqual(expect.objectContaining(shown));
    } finally {
      await service.close();
    }
  });
});

describe('e. wording', () => {
  /** A copy of the page's wording folder with one template changed, and a config naming it. */
  function variant(change: (wording: Record<string, unknown>) => void, drop?: string): string {
    const dir = tempDir('wording');
    cpSync(inSite('site/wording'), join(dir, 'wording'), { recursive: true });
    const en = join(dir, 'wording', 'en.yaml');
    const wording = parseYaml(readFileSync(en, 'utf8')) as Record<string, unknown>;
    change(wording);
    writeFileSync(en, JSON.stringify(wording));
    if (drop) rmSync(join(dir, 'wording', drop));
    writeFileSync(join(dir, 'site.yaml'), readFileSync(inSite('site/wording.yaml')));
    return join(dir, 'site.yaml');
  }
  const setSummary = (summary: string) => (wording: Record<string, unknown>) => {
    const rule = (wording.rules as Record<string, { summary: string }>)['emd-soft-tissue'];
    if (rule) rule.summary = summary;
  };
  const load = (file: string) => buildSettings(readConfigFile(file), { file });

  it('refuses an unknown variable and a summary that can reach 140 characters', () => {
    expect(DOC).toContain(
      '`…/site/wording/en.yaml:72:14 rules.emd-soft-tissue.summary: unknown variable "patientName"`',
    );
    // variant() writes the file as one line of JSON: the column is all the position says.
    expect(() => load(variant(setSummary('True EMD for {{patientName}}')))).toThrow(
      /wording\/en\.yaml:1:\d+ rules\.emd-soft-tissue\.summary: unknown variable "patientName"/,
    );
    expect(() =>
      load(variant(setSummary(`True extramedullary myeloma: ${'x'.repeat(120)}`))),
    ).toThrow(/rules\.emd-soft-tissue\.summary: \d+ characters once filled \(at most 139\)/);
  });

  it("refuses the page's summary without the lowered part it says to keep, with what the page shows", () => {
    const message =
      'rules.emd-soft-tissue.summary: does not say that the card was lowered (rules page §2: a lowered card says so): put back {{#lowered}} ({{> loweredTag}}){{/lowered}}, with the shipped loweredTag partial';
    expect(DOC).toContain(`\`${message}\``);
    let thrown = '';
    try {
      load(
        variant(
          setSummary('True extramedullary myeloma: poor prognosis; refer to the myeloma MDT'),
        ),
      );
    } catch (error) {
      thrown = error instanceof Error ? error.message : String(error);
    }
    // variant() writes the file as one line of JSON: the column is all the position says.
    expect(thrown).toMatch(/^\S*\/wording\/en\.yaml:1:\d+ rules\.emd-soft-tissue\.summary: /);
    expect(thrown.slice(thrown.indexOf(' ') + 1)).toBe(message);
  });

  it('keeps the shipped Chinese summary, since only en.yaml was edited', async () => {
    const bundle = 'fhir-resources/examples/emd-skin-at-diagnosis.json';
    const shipped = await cardsOverHttp(bundle, undefined, 'zh-CN');
    const site = await cardsOverHttp(bundle, 'site/wording.yaml', 'zh-CN');
    expect(site.language).toBe('zh-CN');
    expect(site.cards.map((c) => c.summary)).toEqual(shipped.cards.map((c) => c.summary));
    expect(site.cards[0]?.summary).toMatch(/[\u4e00-\u9fff]/);
  });

  it('without zh-CN.yaml the folder is valid, and Chinese requests quietly get English', async () => {
    const file = variant(() => undefined, 'zh-CN.yaml');
    expect(Object.keys(load(file).wording)).toEqual(['en']);
    const app = testApp({ settings: () => load(file) });
    const response = await request(app)
      .post('/cds-services/emd-patient-view')
      .set('Accept-Language', 'zh-CN')
      .send(patientViewRequestFor('fhir-resources/examples/emd-skin-at-diagnosis.json') as object);
    expect(response.status).toBe(200);
    expect(response.headers['content-language']).toBe('en');
  });
});

describe('f. override reasons', () => {
  it('gives the new reason its Chinese display for Chinese requests', async () => {
    const { cards } = await cardsOverHttp(
      'test/fixtures/configuring/windows-and-links.json',
      'site/windows-and-links.yaml',
      'zh-CN',
    );
    expect(cards[0]?.overrideReasons?.at(-1)).toMatchObject({
      code: 'discussed-at-mdt',
      display: '已在骨髓瘤多学科会诊（MDT）中讨论',
    });
  });

  it('refuses a reason without a display in every wording file, as the page says', () => {
    const dir = tempDir('reasons');
    cpSync(inSite('site/wording'), join(dir, 'wording'), { recursive: true });
    const zh = join(dir, 'wording', 'zh-CN.yaml');
    const document = parseDocument(readFileSync(zh, 'utf8'));
    document.deleteIn(['overrideReasons', 'discussed-at-mdt']);
    writeFileSync(zh, document.toString({ lineWidth: 0 }));
    const file = join(dir, 'site.yaml');
    writeFileSync(file, readFileSync(inSite('site/windows-and-links.yaml')));
    let message = '';
    try {
      buildSettings(readConfigFile(file), { file });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message.split(dir).join('…/site')).toBe(
      blockWith('output', 'reason-without-display').body.trimEnd(),
    );
  });
});

describe('putting it together: site/emd-cds.yaml', () => {
  it('combines examples a, b, e and f', async () => {
    const plasmacytoma = await cardsOverHttp(
      'test/fixtures/configuring/local-code-plasmacytoma.json',
      'site/emd-cds.yaml',
    );
    expect(plasmacytoma.cards.map((c) => [c.indicator, c.summary])).toEqual([
      ['warning', 'True extramedullary myeloma: poor prognosis; refer to the myeloma MDT'],
    ]);
    expect(plasmacytoma.cards[0]?.links?.map((l) => l.url)).toContain(
      'https://intranet.hospital.example/pathways/myeloma',
    );
    const cns = await cardsOverHttp(
      'test/fixtures/configuring/local-code-cns-myeloma.json',
      'site/emd-cds.yaml',
    );
    expect(ruleIds(cns.cards)).toEqual(['emd-cns']);
    expect(cns.cards[0]?.indicator).toBe('critical');
  });
});

describe('h. the trace before the change', () => {
  it(
    'names the myeloma Condition, its code and its system, as the page shows',
    () => {
      const args = docCommand('evaluate', 'site/icd-10-cn.yaml');
      const at = args.indexOf('--config');
      const run = cli([...args.slice(0, at), ...args.slice(at + 2), '--json']);
      expect(run.status).toBe(0);
      const before = JSON.parse(run.stdout) as Explained;
      expect(before.cards).toEqual([]);
      const shown = blockWith('explain', 'icd-10-cn-before').body.trimEnd().split('\n');
      for (const line of shown) expect(explainLines(before)).toContain(line);
    },
    CLI_TIMEOUT_MS,
  );
});
