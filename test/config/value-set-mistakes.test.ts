/**
 * Value-set mistakes that load without a problem and would do nothing, or something other than
 * meant, without a word (docs/configuring.md §4): a site file no role uses, a site file that
 * holds no concept (one include naming a value set and a system, FHIR's intersection), a code
 * in the value sets of two finding classes. Each is a warning, said by `validate` and logged
 * at every start and reload; a configuration without them (the shipped one, the page's worked
 * examples) gets none.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { readConfigFile } from '../../src/config/config-file.js';
import { DEFAULT_CONFIG } from '../../src/config/config-schema.js';
import { settingsWarnings } from '../../src/config/config-warnings.js';
import { serviceOptions } from '../../src/config/environment.js';
import { buildSettings, loadDefaultSettings } from '../../src/config/load-settings.js';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { classify } from '../../src/rules/classify-finding.js';
import { startService } from '../../src/service.js';
import { removeScratch, runCli, scratch } from '../backtest/run-cli.js';
import { fencedBlocks } from '../docs/doc-blocks.js';
import { capturingLogger } from '../support/logs.js';
import { testServiceEnv } from '../support/service-env.js';

const CLI_TIMEOUT_MS = 60_000;
afterAll(removeScratch);

const SNOMED = 'http://snomed.info/sct';
const SHIPPED = 'https://fhir.emd-cds.org/ValueSet/';
const SITE = 'http://hospital.example.org/fhir/ValueSet/';

/** A site folder: `site.yaml` holding `yaml`, and each value set as `value-sets/<name>.json`. */
function siteWith(yaml: string, valueSets: Record<string, object>): string {
  const dir = scratch('emd-cds-vs-mistakes-');
  mkdirSync(join(dir, 'value-sets'));
  for (const [name, resource] of Object.entries(valueSets))
    writeFileSync(join(dir, 'value-sets', `${name}.json`), JSON.stringify(resource, null, 2));
  writeFileSync(join(dir, 'site.yaml'), yaml);
  return join(dir, 'site.yaml');
}
const valueSetFile = (site: string, name: string) => join(site, '..', 'value-sets', `${name}.json`);
/** A shipped value set's file, as warnings name it. */
const shippedFile = (name: string) =>
  join(PROJECT_ROOT, 'fhir-resources', 'value-sets', `${name}.json`);

function warningsOf(file: string): string[] {
  const config = readConfigFile(file);
  return settingsWarnings(config, buildSettings(config, { file }));
}

const valueSet = (url: string, include: object[], extra: object = {}) => ({
  resourceType: 'ValueSet',
  url,
  status: 'active',
  compose: { include },
  ...extra,
});

// 1. Example b written, its second step (pointing the role at it) forgotten.
const CNS_CONCEPT = { system: SNOMED, concept: [{ code: '999999001', display: 'CNS myeloma' }] };
const cnsInvolvement = valueSet(`${SITE}cns-involvement`, [
  { valueSet: [`${SHIPPED}cns-involvement`] },
  CNS_CONCEPT,
]);
const NO_ROLE = 'valueSets:\n  files: [value-sets]\n';
const CNS_ROLE = `valueSets:\n  files: [value-sets]\n  roles:\n    cnsInvolvement: ${SITE}cns-involvement\n`;

// 2. The same file with its two includes tidied into one: FHIR's intersection, empty.
const cnsMerged = valueSet(`${SITE}cns-involvement`, [
  { valueSet: [`${SHIPPED}cns-involvement`], ...CNS_CONCEPT },
]);

// 3. Soft tissue (rules page §5: an EMD organ / soft-tissue site) added to the site's CNS sites.
const cnsWithSoftTissue = valueSet(`${SITE}site-cns`, [
  { valueSet: [`${SHIPPED}site-cns`] },
  { system: SNOMED, concept: [{ code: '87784001', display: 'Soft tissues' }] },
]);
const SITE_CNS_ROLE = `valueSets:\n  files: [value-sets]\n  roles:\n    siteCns: ${SITE}site-cns\n`;

describe('a site value-set file no role uses', () => {
  it('is warned about, naming its url and file', () => {
    const file = siteWith(NO_ROLE, { 'cns-involvement': cnsInvolvement });
    expect(warningsOf(file)).toEqual([
      `${valueSetFile(file, 'cns-involvement')}:3:10 value set http://hospital.example.org/fhir/ValueSet/cns-involvement is loaded but no role uses it, and no role's value set includes it: point a role at it (valueSets.roles) or include it`,
    ]);
  });

  it('says that its designations are read either way, when it has some', () => {
    const names = valueSet(`${SITE}site-names`, [
      {
        system: SNOMED,
        concept: [{ code: '10200004', designation: [{ language: 'zh-CN', value: '肝脏' }] }],
      },
    ]);
    const file = siteWith(NO_ROLE, { 'site-names': names });
    expect(warningsOf(file)).toEqual([
      `${valueSetFile(file, 'site-names')}:3:10 value set http://hospital.example.org/fhir/ValueSet/site-names is loaded but no role uses it, and no role's value set includes it: point a role at it (valueSets.roles) or include it (its designations name sites on cards either way)`,
    ]);
  });

  it('is not warned about once a role uses it, or a role’s value set includes it', () => {
    expect(warningsOf(siteWith(CNS_ROLE, { 'cns-involvement': cnsInvolvement }))).toEqual([]);
    const local = valueSet(`${SITE}local-cns`, [CNS_CONCEPT]);
    const including = valueSet(`${SITE}cns-involvement`, [
      { valueSet: [`${SHIPPED}cns-involvement`] },
      { valueSet: [`${SITE}local-cns`] },
    ]);
    expect(
      warningsOf(siteWith(CNS_ROLE, { 'cns-involvement': including, 'local-cns': local })),
    ).toEqual([]);
  });
});

describe('a site value set that holds no concept', () => {
  it('is warned about for a role allowed to be empty, saying an include with valueSet and system is their intersection', () => {
    const file = siteWith(CNS_ROLE, { 'cns-involvement': cnsMerged });
    expect(warningsOf(file)).toEqual([
      `${valueSetFile(file, 'cns-involvement')}:3:10 value set http://hospital.example.org/fhir/ValueSet/cns-involvement holds no concept: a role that uses it matches nothing; compose.include[0] names both a valueSet and a system, which FHIR reads as the codes in both (their intersection): for "these plus those", write two separate includes, one with the valueSet and one with the system and its concepts (docs/configuring.md, example a)`,
    ]);
  });

  it('is warned about beside the role that holds no concept, saying why', () => {
    const merged = valueSet(`${SITE}sto`, [
      {
        valueSet: [`${SHIPPED}site-soft-tissue-organ`],
        system: SNOMED,
        concept: [{ code: '71854001', display: 'Colon structure' }],
      },
    ]);
    const file = siteWith(
      `valueSets:\n  files: [value-sets]\n  roles:\n    siteSoftTissueOrgan: ${SITE}sto\n`,
      { sto: merged },
    );
    expect(warningsOf(file)).toEqual([
      `${file}:4:26 value set role siteSoftTissueOrgan (http://hospital.example.org/fhir/ValueSet/sto) holds no concept: the rules that need it never match it`,
      `${valueSetFile(file, 'sto')}:3:10 value set http://hospital.example.org/fhir/ValueSet/sto holds no concept: a role that uses it matches nothing; compose.include[0] names both a valueSet and a system, which FHIR reads as the codes in both (their intersection): for "these plus those", write two separate includes, one with the valueSet and one with the system and its concepts (docs/configuring.md, example a)`,
    ]);
  });

  it('is warned about without a cause when no include names both', () => {
    const file = siteWith(CNS_ROLE, {
      'cns-involvement': valueSet(`${SITE}cns-involvement`, [
        { valueSet: [`${SHIPPED}cns-involvement`] },
      ]),
    });
    expect(warningsOf(file)).toEqual([
      `${valueSetFile(file, 'cns-involvement')}:3:10 value set http://hospital.example.org/fhir/ValueSet/cns-involvement holds no concept: a role that uses it matches nothing`,
    ]);
  });
});

describe('a code in the value sets of two finding classes', () => {
  it('is warned about, naming code, system, both roles and the class that wins (cns over emd)', () => {
    const file = siteWith(SITE_CNS_ROLE, { 'site-cns': cnsWithSoftTissue });
    expect(warningsOf(file)).toEqual([
      `${valueSetFile(file, 'site-cns')}:16:21 code 87784001 (http://snomed.info/sct) is in siteCns (http://hospital.example.org/fhir/ValueSet/site-cns, ${valueSetFile(file, 'site-cns')}:16:21) and siteSoftTissueOrgan (https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ, ${shippedFile('site-soft-tissue-organ')}:28:21): a body site coded with it is classed cns, never emd (rules page §3.3 checks leptomeningeal, then paraskeletal, then cns, then emd); keep it only in the value set of the class it belongs to`,
    ]);
    // The class the warning names is the one a finding at that site gets.
    const { terminology } = buildSettings(readConfigFile(file), { file }).rules;
    const softTissue = [{ coding: [{ system: SNOMED, code: '87784001' }] }];
    expect(classify([], softTissue, terminology).findingClass).toBe('cns');
  });

  it('names paraskeletal as the winner over cns for a bone site added to the CNS sites', () => {
    const cnsWithSpine = valueSet(`${SITE}site-cns`, [
      { valueSet: [`${SHIPPED}site-cns`] },
      { system: SNOMED, concept: [{ code: '421060004', display: 'Spine' }] },
    ]);
    const file = siteWith(SITE_CNS_ROLE, { 'site-cns': cnsWithSpine });
    const where = `${valueSetFile(file, 'site-cns')}:16:21`;
    expect(warningsOf(file)).toEqual([
      `${where} code 421060004 (http://snomed.info/sct) is in siteBone (https://fhir.emd-cds.org/ValueSet/site-bone, ${shippedFile('site-bone')}:38:21) and siteCns (http://hospital.example.org/fhir/ValueSet/site-cns, ${where}): a body site coded with it is classed paraskeletal, never cns (rules page §3.3 checks leptomeningeal, then paraskeletal, then cns, then emd); keep it only in the value set of the class it belongs to`,
    ]);
  });
});

const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';
const MM_ROLE = `valueSets:\n  files: [value-sets]\n  roles:\n    multipleMyeloma: ${SITE}mm\n`;

describe('a code in a myeloma value set and a finding value set', () => {
  // The page's plasmacytoma code C90.20 (rules page §5) put among the site's myeloma codes,
  // written without its dot: ICD-10-CM matches either way (§2).
  it('is warned about at its line, naming both value sets and the card it would give', () => {
    const mm = valueSet(`${SITE}mm`, [
      { valueSet: [`${SHIPPED}multiple-myeloma`] },
      { system: ICD, concept: [{ code: 'C9020', display: 'Extramedullary plasmacytoma' }] },
    ]);
    const file = siteWith(MM_ROLE, { mm });
    const where = `${valueSetFile(file, 'mm')}:16:21`;
    expect(warningsOf(file)).toEqual([
      `${where} code C9020 (http://hl7.org/fhir/sid/icd-10-cm) is in multipleMyeloma (http://hospital.example.org/fhir/ValueSet/mm, ${where}) and extramedullaryPlasmacytoma (https://fhir.emd-cds.org/ValueSet/extramedullary-plasmacytoma, ${shippedFile('extramedullary-plasmacytoma')}:18:21): a Condition coded with it is a myeloma and a finding at once, so every myeloma patient coded with it would get an "unclassified plasmacytoma" card (emd-unclassified), or an EMD card when the Condition names a site; keep it only in the value set it belongs to`,
    ]);
  });

  it('names the critical CNS card for a myeloma code among the CNS involvement codes', () => {
    const cns = valueSet(`${SITE}cns-involvement`, [
      { valueSet: [`${SHIPPED}cns-involvement`] },
      { system: ICD, concept: [{ code: 'C90.00' }] },
    ]);
    const file = siteWith(CNS_ROLE, { 'cns-involvement': cns });
    expect(warningsOf(file)).toEqual([
      expect.stringContaining(
        'every myeloma patient coded with it would get a critical CNS myeloma card (emd-cns)',
      ),
    ]);
    expect(warningsOf(file)[0]).toMatch(/cns-involvement\.json:16:21 code C90\.00 \(/);
  });

  it('stays quiet for the page’s own codes in relapse or remission (C90.21, C90.32)', () => {
    expect(warningsOf(siteWith(NO_ROLE, {}))).toEqual([]);
  });
});

describe('a code in a body-site value set and a Condition-code value set', () => {
  it('is warned about at its line in the site file, naming both value sets', () => {
    // Liver (rules page §5, a soft-tissue / organ site) put among the plasmacytoma codes.
    const emp = valueSet(`${SITE}emp`, [
      { valueSet: [`${SHIPPED}extramedullary-plasmacytoma`] },
      { system: SNOMED, concept: [{ code: '10200004', display: 'Liver' }] },
    ]);
    const file = siteWith(
      `valueSets:\n  files: [value-sets]\n  roles:\n    extramedullaryPlasmacytoma: ${SITE}emp\n`,
      { emp },
    );
    const where = `${valueSetFile(file, 'emp')}:16:21`;
    expect(warningsOf(file)).toEqual([
      `${where} code 10200004 (http://snomed.info/sct) is in siteSoftTissueOrgan (https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ, ${shippedFile('site-soft-tissue-organ')}:38:21) and extramedullaryPlasmacytoma (http://hospital.example.org/fhir/ValueSet/emp, ${where}): body sites (Condition.bodySite) and diagnoses (Condition.code) are coded apart, so one of the two holds it by mistake: a site code among extramedullaryPlasmacytoma makes a Condition coded with it one, and a diagnosis code among siteSoftTissueOrgan matches no body site; keep it only in the value set it belongs to`,
    ]);
  });
});

describe('validate --strict', () => {
  it(
    'exits 1 when there is a warning, for a CI job, and 0 without one',
    async () => {
      const file = siteWith(SITE_CNS_ROLE, { 'site-cns': cnsWithSoftTissue });
      const run = await runCli(['validate', '--strict', file]);
      expect(run.status).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^warning: .*site-cns\.json:16:21 code 87784001 /);
      expect(lines.at(-1)).toBe(`${file}: 1 warning, refused by --strict`);
      const clean = await runCli(['validate', '--strict', siteWith(NO_ROLE, {})]);
      expect(clean.status).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('validate and the service say them as the other warnings', () => {
  it(
    'validate prints each as a warning line, and the file is valid',
    async () => {
      const file = siteWith(SITE_CNS_ROLE, {
        'site-cns': cnsWithSoftTissue,
        'cns-involvement': cnsMerged,
      });
      const run = await runCli(['validate', file]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.slice(0, -1)).toEqual([
        `warning: ${valueSetFile(file, 'cns-involvement')}:3:10 value set http://hospital.example.org/fhir/ValueSet/cns-involvement is loaded but no role uses it, and no role's value set includes it: point a role at it (valueSets.roles) or include it`,
        expect.stringMatching(
          /^warning: .*cns-involvement\.json:3:10 value set http:\/\/hospital\.example\.org\/fhir\/ValueSet\/cns-involvement holds no concept: .*their intersection/,
        ),
        expect.stringMatching(
          /^warning: .*site-cns\.json:16:21 code 87784001 \(http:\/\/snomed\.info\/sct\) is in siteCns /,
        ),
      ]);
      expect(lines.at(-1)).toMatch(/: valid \(config hash [0-9a-f]{16}; /);
    },
    CLI_TIMEOUT_MS,
  );

  it('the service logs them at warn level when it loads the file', async () => {
    const file = siteWith(SITE_CNS_ROLE, { 'site-cns': cnsWithSoftTissue });
    const { logger, lines } = capturingLogger();
    const service = await startService(
      serviceOptions(readConfigFile(file), testServiceEnv()),
      logger,
      file,
    );
    try {
      const warned = lines
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((entry) => entry.level === 40)
        .map((entry) => entry.msg);
      expect(warned).toContain(
        `${valueSetFile(file, 'site-cns')}:16:21 code 87784001 (http://snomed.info/sct) is in siteCns (http://hospital.example.org/fhir/ValueSet/site-cns, ${valueSetFile(file, 'site-cns')}:16:21) and siteSoftTissueOrgan (https://fhir.emd-cds.org/ValueSet/site-soft-tissue-organ, ${shippedFile('site-soft-tissue-organ')}:28:21): a body site coded with it is classed cns, never emd (rules page §3.3 checks leptomeningeal, then paraskeletal, then cns, then emd); keep it only in the value set of the class it belongs to`,
      );
    } finally {
      await service.close();
    }
  });
});

describe('a configuration without these mistakes', () => {
  it('gets no warning: the shipped one', () => {
    expect(settingsWarnings(DEFAULT_CONFIG, loadDefaultSettings())).toEqual([]);
  });

  /**
   * docs/configuring.md's worked examples that point roles at their own value sets (a, b, c,
   * h and "putting it together"), each with only the files its roles name, as a site trying
   * one example has them.
   */
  it('gets no warning: each worked example with its own value sets', () => {
    const blocks = fencedBlocks(
      readFileSync(join(PROJECT_ROOT, 'docs', 'configuring.md'), 'utf8'),
      'docs/configuring.md',
    );
    const files = new Map(
      blocks.flatMap((b) => {
        const title = b.attrs.get('title');
        if (!title?.startsWith('site/value-sets/')) return [];
        const resource = JSON.parse(b.body) as { url: string };
        return [[resource.url, resource] as const];
      }),
    );
    const played: string[] = [];
    for (const block of blocks) {
      const title = block.attrs.get('title');
      if (!title?.endsWith('.yaml')) continue;
      const { valueSets } = (parseYaml(block.body) ?? {}) as {
        valueSets?: { files: string[]; roles: Record<string, string> };
      };
      if (!valueSets) continue;
      const own = Object.fromEntries(
        Object.values(valueSets.roles).map((url, i) => [String(i), files.get(url) ?? {}]),
      );
      expect(warningsOf(siteWith(stringifyYaml({ valueSets }), own)), title).toEqual([]);
      played.push(title);
    }
    expect(played).toEqual([
      'site/local-code.yaml',
      'site/cns-involvement.yaml',
      'site/dura-as-bone-contact.yaml',
      'site/icd-10-cn.yaml',
      'site/emd-cds.yaml',
    ]);
  });
});
