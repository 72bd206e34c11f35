/**
 * `emd-cds validate` as the informatics team runs it (docs/configuring.md §1): the config hash
 * it prints is the one GET /readyz shows for the same file, whatever PORT and PUBLIC_BASE_URL
 * the service runs with; it prints the empty-role warnings; and it refuses a summary that
 * loops over a list, naming the file, the rule and the list, and a card that no longer says it
 * was lowered or what it rests on.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/config/config-file.js';
import { serviceOptions } from '../../src/config/environment.js';
import { PATHS } from '../../src/config/project-paths.js';
import { startService } from '../../src/service.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';
import { testServiceEnv } from '../support/service-env.js';

const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

/** A site folder with `site.yaml`; the default timeline link is left to the environment. */
function siteFile(yaml: string): string {
  const dir = scratch('emd-cds-validate-');
  writeFileSync(join(dir, 'site.yaml'), yaml);
  return join(dir, 'site.yaml');
}
/** The 1-based line of `file` where `text` starts. */
function lineOf(file: string, text: string): number {
  const content = readFileSync(file, 'utf8');
  expect(content).toContain(text);
  return content.slice(0, content.indexOf(text)).split('\n').length;
}
const hashIn = (stdout: string) => /\(config hash ([0-9a-f]{16});/.exec(stdout)?.[1];

describe('the config hash validate prints', () => {
  it(
    'is the hash GET /readyz shows for the same file, with PORT and PUBLIC_BASE_URL set or not',
    async () => {
      const file = siteFile('phase:\n  windowDays: 120\nimaging:\n  lookbackDays: 365\n');
      const env = { PORT: '8443', PUBLIC_BASE_URL: 'https://emd-cds.hospital.example.org' };
      const plain = await runCli(['validate', file]);
      const withEnv = await runCli(['validate', file], env);
      expect(plain.status).toBe(0);
      expect(withEnv.status).toBe(0);

      const options = serviceOptions(
        readConfigFile(file),
        testServiceEnv({ PUBLIC_BASE_URL: env.PUBLIC_BASE_URL }),
      );
      const service = await startService(options, pino({ level: 'silent' }), file);
      try {
        const readyz = (await (
          await fetch(service.discoveryUrl.replace(/\/cds-services$/, '/readyz'))
        ).json()) as { configHash: string };
        expect(readyz.configHash).toMatch(/^[0-9a-f]{16}$/);
        expect(hashIn(plain.stdout)).toBe(readyz.configHash);
        expect(hashIn(withEnv.stdout)).toBe(readyz.configHash);
      } finally {
        await service.close();
      }
    },
    CLI_TIMEOUT_MS,
  );
});

describe('validate on the explain trace words (H136, H135)', () => {
  it(
    'refuses a slow myeloma pattern and an invalid other-disease pattern, naming each key',
    async () => {
      const file = siteFile(
        'textOnlyMyelomaPatterns:\n  - kahler\n  - "\\\\s+myeloma"\ntextOnlyOtherDiseasePatterns:\n  - "carcinom(a"\n',
      );
      const run = await runCli(['validate', file]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        `${file}:3:5 textOnlyMyelomaPatterns.1: takes quadratic or worse time on a long text`,
      );
      expect(run.stderr).toContain(
        `${file}:5:5 textOnlyOtherDiseasePatterns.0: must be a valid regular expression\n`,
      );
    },
    CLI_TIMEOUT_MS,
  );
});

describe('validate on value sets and wording', () => {
  it(
    'prints a warning for a required role pointed at an empty value set',
    async () => {
      const file = siteFile(
        'valueSets:\n  files: [empty.json]\n  roles:\n    siteSoftTissueOrgan: http://hospital.example.org/fhir/ValueSet/empty\n',
      );
      writeFileSync(
        join(file, '..', 'empty.json'),
        JSON.stringify({
          resourceType: 'ValueSet',
          url: 'http://hospital.example.org/fhir/ValueSet/empty',
          status: 'active',
          compose: { include: [] },
        }),
      );
      const run = await runCli(['validate', file]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        `warning: ${file}:4:26 value set role siteSoftTissueOrgan (http://hospital.example.org/fhir/ValueSet/empty) holds no concept: the rules that need it never match it\n`,
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses a Chinese summary that loops over the findings, naming file, rule and list',
    async () => {
      const file = siteFile('wording:\n  dir: wording\n');
      const wording = join(file, '..', 'wording');
      cpSync(PATHS.wording, wording, { recursive: true });
      const zh = join(wording, 'zh-CN.yaml');
      const text = readFileSync(zh, 'utf8');
      const shipped =
        "summary: '真正的髓外疾病{{#lowered}}（{{> loweredTag}}）{{/lowered}}：预后较差，比骨旁受累更差'";
      expect(text).toContain(shipped);
      writeFileSync(
        zh,
        text.replace(
          shipped,
          "summary: '髓外疾病：{{#findings}}{{label}} {{sites}}；{{/findings}}'",
        ),
      );
      const run = await runCli(['validate', file]);
      expect(run.status).toBe(1);
      // At the summary's line in the shipped file, which the test does not pin.
      const [line] = run.stderr.split('\n');
      expect(line?.startsWith(`${zh}:`)).toBe(true);
      expect(line?.slice(zh.length)).toMatch(
        /^:\d+:\d+ rules\.emd-soft-tissue\.summary: iterates the list "findings": a summary that repeats for each item has no length limit/,
      );
    },
    CLI_TIMEOUT_MS,
  );

  // A site's copy that dropped what tells the clinician a card was lowered, or what it rests
  // on, was valid: a differential dural plasmacytoma then gave "[warning] CNS myeloma: rare, …"
  // with no "(differential)" (rules page §2: a lowered card says so; configuring.md example e).
  it(
    'refuses an English summary without its lowered tag and a Chinese detail without its findings',
    async () => {
      const file = siteFile('wording:\n  dir: wording\n');
      const wording = join(file, '..', 'wording');
      cpSync(PATHS.wording, wording, { recursive: true });
      const en = join(wording, 'en.yaml');
      const zh = join(wording, 'zh-CN.yaml');
      const cns = "summary: 'CNS myeloma{{#lowered}} ({{> loweredTag}}){{/lowered}}: rare";
      const summaryLine = lineOf(en, cns);
      writeFileSync(en, readFileSync(en, 'utf8').replace(cns, "summary: 'CNS myeloma: rare"));
      const zhText = readFileSync(zh, 'utf8');
      const softTissue = zhText.indexOf('  emd-soft-tissue:\n');
      const findings = zhText.indexOf('      {{> findings}}\n', softTissue);
      expect(softTissue).toBeGreaterThan(0);
      expect(findings).toBeGreaterThan(softTissue);
      const detailLine = lineOf(zh, '  emd-soft-tissue:\n') + 2;
      writeFileSync(
        zh,
        zhText.slice(0, findings) + zhText.slice(findings + '      {{> findings}}\n'.length),
      );
      const run = await runCli(['validate', file]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        [
          `${en}:${String(summaryLine)}:14 rules.emd-cns.summary: does not say that the card was lowered (rules page §2: a lowered card says so): put back {{#lowered}} ({{> loweredTag}}){{/lowered}}, with the shipped loweredTag partial`,
          `${zh}:${String(detailLine)}:13 rules.emd-soft-tissue.detail: does not list the findings the card rests on: put back {{> findings}} as the shipped wording has it`,
          '',
        ].join('\n'),
      );
    },
    CLI_TIMEOUT_MS,
  );
});
