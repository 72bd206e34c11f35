/**
 * Issue #9, the console's API over HTTP on the real app: every route is behind the admin
 * credential (401 without it, 404 while none is configured), the configuration view holds
 * no secrets, example patients are listed and read by name only, a dry run gives the cards
 * of the scenario table and audits nothing, and the per-day series counts stored feedback.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-file.js';
import { buildSettings } from '../../src/config/load-settings.js';
import { PATHS } from '../../src/config/project-paths.js';
import { readExampleBundle, testApp } from '../support/app.js';

import type { ConfigView } from '../../src/config/config-view.js';
import type { ExamplePatient } from '../../src/config/example-patients.js';
import { ADMIN, AUDIT_SECRET, BEARER, consoleApp, firstIssue } from '../support/console-app.js';

const ROUTES = [
  ['get', '/admin/config'],
  ['get', '/admin/examples'],
  ['get', '/admin/examples/emd-and-cns'],
  ['post', '/admin/dry-run'],
  ['get', '/admin/stats/daily'],
] as const;

/** A site's own ValueSet (configuring.md §3: a local code), one concept. */
const LOCAL_CNS = {
  resourceType: 'ValueSet',
  url: 'https://hospital.example/fhir/ValueSet/local-cns',
  name: 'LocalCns',
  status: 'active',
  compose: {
    include: [
      { system: 'https://hospital.example/codes', concept: [{ code: 'CNS-1', display: 'CNS' }] },
    ],
  },
};

describe('console API access', () => {
  it('answers 401 with an empty body on every route without the admin token, or with a wrong one', async () => {
    const { app } = await consoleApp();
    for (const [method, path] of ROUTES) {
      for (const authorization of [undefined, 'Bearer wrong-token', ADMIN, `Basic ${ADMIN}`]) {
        const call = request(app)[method](path);
        const response = await (authorization ? call.set('Authorization', authorization) : call);
        expect([path, authorization, response.status, response.text]).toEqual([
          path,
          authorization,
          401,
          '',
        ]);
      }
    }
  });

  it('answers 404 with an OperationOutcome saying to set EMD_CDS_ADMIN_TOKEN when no admin token is configured', async () => {
    const { app } = await consoleApp({ adminToken: false });
    for (const [method, path] of ROUTES) {
      const response = await request(app)[method](path).set('Authorization', BEARER);
      expect(response.status).toBe(404);
      expect(firstIssue(response.body).diagnostics).toContain('set EMD_CDS_ADMIN_TOKEN');
    }
  });
});

describe('GET /admin/config', () => {
  it('shows every rule, value set with its codes, windows, links, locales and where the settings came from', async () => {
    const { app } = await consoleApp();
    const response = await request(app).get('/admin/config').set('Authorization', BEARER);
    expect(response.status).toBe(200);
    const view = response.body as ConfigView;
    expect(view.provenance.file).toBeNull();
    expect(view.provenance.configHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.isNaN(Date.parse(view.provenance.loadedAt))).toBe(false);
    expect(view.rules).toContainEqual({
      id: 'emd-leptomeningeal',
      enabled: true,
      mode: 'live',
      indicator: 'critical',
      indicatorSource: 'rules page',
      acknowledgement: null,
      suppressAfterOverrideDays: null,
      suppressCritical: false,
    });
    expect(view.rules.find((r) => r.id === 'emd-soft-tissue')?.indicator).toBe('warning');
    const myeloma = view.valueSets.find((v) => v.role === 'multipleMyeloma');
    expect(myeloma?.url).toBe('https://fhir.emd-cds.org/ValueSet/multiple-myeloma');
    expect(myeloma?.codes.length).toBeGreaterThan(0);
    expect(myeloma?.codes.map((c) => `${c.system}|${c.code}`)).toContain(
      'http://hl7.org/fhir/sid/icd-10-cm|C90.00',
    );
    expect(view.siteClasses.map((c) => c.class)).toEqual([
      'leptomeningeal',
      'paraskeletal',
      'cns',
      'emd',
      'unclassified',
    ]);
    expect(view.windows).toEqual({ phaseWindowDays: 90, imagingLookbackDays: 180 });
    expect(view.links.source).toBe('https://doi.org/10.1038/s41408-022-00643-3');
    // configuring.md: the default timeline link is <service.publicBaseUrl>/timeline/launch.html.
    expect(view.links.timeline).toMatch(/^https?:\/\/.+\/timeline\/launch\.html$/);
    expect(view.clinicalFiles).toEqual({ valueSetFiles: [], wordingDir: null });
    expect(view.textOnlyPatterns).toContain('浆细胞瘤(?!样)');
    // H136, H135: the explain trace's words in force (configuring.md).
    expect(view.textOnlyMyelomaPatterns).toEqual(
      expect.arrayContaining(['multiple[\\s-]myeloma', '骨髓瘤']),
    );
    expect(view.textOnlyOtherDiseasePatterns).toHaveLength(2);
    expect(view.textOnlyOtherDiseasePatterns.join('|')).toContain('carcinom');
    expect(view.textOnlyOtherDiseasePatterns.join('|')).toContain('淋巴瘤');
    // configuring.md's tables of the shipped cues and status words (typed, not imported).
    expect(view.textOnlyNegation.before).toEqual(
      expect.arrayContaining(['no evidence of', '未见', '未见明显', '无明确']),
    );
    expect(view.textOnlyNegation.after).toEqual(expect.arrayContaining(['excluded', '已除外']));
    expect(view.textOnlyNegation.pseudo).toEqual(expect.arrayContaining(['cannot be excluded']));
    expect(view.textOnlyNegation.scopeEnds).toEqual(expect.arrayContaining(['but', 'however']));
    expect(view.textOnlyContext.familyBefore).toEqual(expect.arrayContaining(['fh', '家族史']));
    expect(view.textOnlyContext.historyBefore).toEqual(expect.arrayContaining(['h/o', '既往']));
    expect(view.textOnlyContext.historyAfter).toEqual(expect.arrayContaining(['病史', '术后']));
    expect(view.textOnlyContext.hedgeAfter).toEqual(expect.arrayContaining(['待排']));
    expect(view.textOnlyContext.current).toEqual(expect.arrayContaining(['recurrent', '复发']));
    expect(view.statusWords.history).toEqual(expect.arrayContaining(['in remission', '已缓解']));
    expect(view.statusWords.ignored).toEqual(
      expect.arrayContaining(['entered in error', '录入错误']),
    );
    expect(view.statusWords.notAbated).toEqual(expect.arrayContaining(['ongoing', 'n/a', '持续']));
    expect(view.overrideReasons.codes[0]?.display['zh-CN']).toEqual(expect.any(String));
    expect(view.locales).toEqual({ available: ['en', 'zh-CN'], default: 'en' });
    expect(view.fhir).toEqual({ allowedServers: ['http://localhost:8080/fhir'] });
  });

  it('shows a site config file: where it is, rules it switched off or lowered, and why', async () => {
    const config = parseConfigText(
      [
        'rules:',
        '  emd-cns:',
        '    indicator: warning',
        '    acknowledgement: "Tumour board 2026-10: CNS cards as warnings during the pilot"',
        '  emd-paraskeletal:',
        '    enabled: false',
        'phase:',
        '  windowDays: 60',
        'textOnlyMyelomaPatterns:',
        '  - kahler',
        'textOnlyOtherDiseasePatterns: []',
      ].join('\n'),
      'site.yaml',
    );
    const settings = buildSettings(config, { file: '/etc/emd-cds/site.yaml' });
    const app = testApp({ settings: () => settings, adminToken: ADMIN });
    const response = await request(app).get('/admin/config').set('Authorization', BEARER);
    const view = response.body as ConfigView;
    expect(view.provenance).toEqual({
      file: '/etc/emd-cds/site.yaml',
      loadedAt: settings.source.loadedAt,
      configHash: settings.configHash,
      serviceVersion: settings.serviceVersion,
    });
    expect(view.rules.find((r) => r.id === 'emd-cns')).toEqual({
      id: 'emd-cns',
      enabled: true,
      mode: 'live',
      indicator: 'warning',
      indicatorSource: 'config',
      acknowledgement: 'Tumour board 2026-10: CNS cards as warnings during the pilot',
      suppressAfterOverrideDays: null,
      suppressCritical: false,
    });
    expect(view.rules.find((r) => r.id === 'emd-paraskeletal')?.enabled).toBe(false);
    expect(view.windows.phaseWindowDays).toBe(60);
    expect(view.textOnlyMyelomaPatterns).toEqual(['kahler']);
    expect(view.textOnlyOtherDiseasePatterns).toEqual([]);
  });

  it('shows suppression of critical cards, the timeline link and where the clinical files come from', async () => {
    const site = mkdtempSync(join(tmpdir(), 'emd-cds-console-'));
    try {
      mkdirSync(join(site, 'value-sets'));
      writeFileSync(join(site, 'value-sets', 'local-cns.json'), JSON.stringify(LOCAL_CNS));
      cpSync(PATHS.wording, join(site, 'wording'), { recursive: true });
      const file = join(site, 'site.yaml');
      const config = parseConfigText(
        [
          'rules:',
          '  emd-leptomeningeal:',
          '    suppressAfterOverrideDays: 30',
          '    suppressCritical: true',
          '    acknowledgement: "Tumour board 2026-10: one override a month is enough"',
          '  emd-soft-tissue:',
          '    suppressAfterOverrideDays: 7',
          'links:',
          '  timeline: https://apps.hospital.example/emd-timeline/launch.html',
          'valueSets:',
          '  files: [value-sets/local-cns.json]',
          'wording:',
          '  dir: wording',
        ].join('\n'),
        file,
      );
      const settings = buildSettings(config, { file });
      const app = testApp({ settings: () => settings, adminToken: ADMIN });
      const response = await request(app).get('/admin/config').set('Authorization', BEARER);
      const view = response.body as ConfigView;
      const suppression = (id: string) => {
        const rule = view.rules.find((r) => r.id === id);
        return [rule?.suppressAfterOverrideDays, rule?.suppressCritical];
      };
      // The leptomeningeal card is critical (rules page §4): hidden 30 days after an override.
      expect(suppression('emd-leptomeningeal')).toEqual([30, true]);
      expect(suppression('emd-soft-tissue')).toEqual([7, false]);
      expect(suppression('emd-cns')).toEqual([null, false]);
      expect(view.links.timeline).toBe('https://apps.hospital.example/emd-timeline/launch.html');
      expect(view.clinicalFiles).toEqual({
        valueSetFiles: ['value-sets/local-cns.json'],
        wordingDir: 'wording',
      });
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('says a card carries no timeline link when the config sets it to null', async () => {
    const config = parseConfigText('links:\n  timeline: null', 'site.yaml');
    const settings = buildSettings(config, { file: undefined });
    const app = testApp({ settings: () => settings, adminToken: ADMIN });
    const response = await request(app).get('/admin/config').set('Authorization', BEARER);
    expect((response.body as ConfigView).links.timeline).toBeNull();
  });

  it('holds no secret: not the admin token, not the audit secret', async () => {
    const { app } = await consoleApp();
    const response = await request(app).get('/admin/config').set('Authorization', BEARER);
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(ADMIN);
    expect(response.text).not.toContain(AUDIT_SECRET.toString('base64'));
    expect(response.text).not.toMatch(/secret|token|postgres|password|privateKey/i);
  });
});

describe('GET /admin/examples', () => {
  it('lists every example patient with its patient id and story, and returns its Bundle by name', async () => {
    const { app } = await consoleApp();
    const list = await request(app).get('/admin/examples').set('Authorization', BEARER);
    expect(list.status).toBe(200);
    const { examples } = list.body as { examples: ExamplePatient[] };
    // One per Bundle in the folder: a count typed here went stale with each new example.
    const bundles = readdirSync(PATHS.examples).filter((file) => file.endsWith('.json'));
    expect(examples.map((e) => `${e.name}.json`).sort()).toEqual(bundles.sort());
    const lepto = examples.find((e) => e.name === 'leptomeningeal-with-cns');
    expect(lepto?.patientId).toBe('leptomeningeal-with-cns');
    expect(lepto?.description).toContain('Daniel Cohen');
    expect(lepto?.expectedCards).toBe('`emd-leptomeningeal` critical');
    const bundle = await request(app)
      .get('/admin/examples/leptomeningeal-with-cns')
      .set('Authorization', BEARER);
    expect(bundle.status).toBe(200);
    expect(bundle.body).toEqual(readExampleBundle('leptomeningeal-with-cns'));
  });

  it('answers 404 naming the field for a name that is not an example, including path tricks', async () => {
    const { app } = await consoleApp();
    for (const name of [
      'no-such-patient',
      '..%2Fpackage',
      '..%2F..%2Fpackage.json',
      'README',
      '%2Fetc%2Fpasswd',
    ]) {
      const response = await request(app)
        .get(`/admin/examples/${name}`)
        .set('Authorization', BEARER);
      expect([name, response.status]).toEqual([name, 404]);
      expect(firstIssue(response.body).expression).toEqual(['name']);
    }
  });
});
