/**
 * GET /timeline/settings.json and the timeline pages' Content-Security-Policy (issue #9):
 * the browser compiles the served data with the same src/rules/ code, and must classify
 * every example patient as the rules page says (the typed rows of test/web/).
 */
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { PATHS } from '../../src/config/project-paths.js';
import type { TimelineSettingsDocument } from '../../src/http/timeline-app.js';
import { collectFindings } from '../../src/rules/collect-findings.js';
import { buildPatientRecord, flattenResources } from '../../src/rules/patient-record.js';
import { compileRuleSettings } from '../../src/rules/rule-settings.js';
import type { RuleSettings } from '../../src/rules/types.js';
import { defaultSettings, readExampleBundle, SCENARIO_NOW, testApp } from '../support/app.js';
import { EXAMPLE_ROWS_WITH_EMD } from '../web/timeline-agreement-emd-rows.js';
import { EXAMPLE_ROWS_WITHOUT_EMD } from '../web/timeline-agreement-rows.js';

/** Each finding as `class status`, sorted: `emd active`, `cns history`, `text-only active`. */
const classesOf = (patientId: string, settings: RuleSettings) => {
  const record = buildPatientRecord(patientId, flattenResources([readExampleBundle(patientId)]));
  const { active, history, textOnly } = collectFindings(record, settings, SCENARIO_NOW);
  return [
    ...active.map((f) => `${f.findingClass} active`),
    ...history.map((f) => `${f.findingClass} history`),
    ...textOnly.map(() => 'text-only active'),
  ].sort();
};

/**
 * The same, typed by hand from the rules page for every example patient
 * (test/web/timeline-agreement-rows.ts, §3.3 classes and §2 statuses), never computed by src/.
 */
const TYPED = new Map(
  [...EXAMPLE_ROWS_WITHOUT_EMD, ...EXAMPLE_ROWS_WITH_EMD].map((row) => [
    row.bundle.replace(/^examples\//, ''),
    row.findings
      .map(([findingClass, status]) => `${findingClass} ${status.replace(', unconfirmed', '')}`)
      .sort(),
  ]),
);

describe('GET /timeline/settings.json', () => {
  it('serves what classifies every example patient exactly as the service does', async () => {
    const response = await request(testApp()).get('/timeline/settings.json');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const served = response.body as TimelineSettingsDocument;
    expect(served.configHash).toBe(defaultSettings.configHash);
    // Through JSON, as the browser receives it.
    const browser = compileRuleSettings(served.classification);
    const patients = readdirSync(PATHS.examples)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(patients.length).toBeGreaterThan(20);
    expect([...TYPED.keys()].sort(), 'a typed row for every example patient').toEqual(
      [...patients].sort(),
    );
    // The browser's classes held to the typed rows, not to the service's own run of the same
    // src/ code: both sides would move together with a broken rule.
    for (const patient of patients)
      expect(classesOf(patient, browser), patient).toEqual(TYPED.get(patient));
  });

  it('carries the card wording’s class labels for every locale', async () => {
    const served = (await request(testApp()).get('/timeline/settings.json'))
      .body as TimelineSettingsDocument;
    expect(Object.keys(served.classLabels).sort()).toEqual(['en', 'zh-CN']);
    expect(served.classLabels.en?.paraskeletal).toBe('paraskeletal (bone-related)');
    expect(served.classLabels['zh-CN']?.leptomeningeal).toBe('软脑膜');
    // config/wording/*.yaml listSeparator: the timeline joins lists as the cards do.
    expect(served.listSeparators).toEqual({ en: ', ', 'zh-CN': '、' });
    // config/wording/*.yaml unnamedLabels: what the timeline calls an unnamed site, study or
    // report, as the cards call it.
    expect(served.unnamedLabels).toEqual({
      en: {
        bodySite: 'unnamed site',
        ImagingStudy: 'imaging study',
        DiagnosticReport: 'imaging report',
      },
      'zh-CN': {
        bodySite: '未命名部位',
        ImagingStudy: '影像学检查',
        DiagnosticReport: '影像学报告',
      },
    });
  });
});

describe('the timeline pages’ Content-Security-Policy', () => {
  const cspOf = async (fhirServers: string[], path: string) => {
    const response = await request(testApp({ fhirServers })).get(path);
    return String(response.headers['content-security-policy']);
  };

  it('lets the page connect to itself and to the origins of the allowed FHIR servers', async () => {
    const csp = await cspOf(
      ['http://127.0.0.1:8080/fhir', 'https://fhir.hospital.example.org/r4'],
      '/timeline/settings.json',
    );
    expect(csp.split(';')).toContain(
      "connect-src 'self' http://127.0.0.1:8080 https://fhir.hospital.example.org",
    );
    expect(csp.split(';')).toContain("script-src 'self'");
    // It would turn the loopback http FHIR server into https and break the fetch.
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keeps upgrade-insecure-requests when every FHIR server is https', async () => {
    const csp = await cspOf(['https://fhir.hospital.example.org/r4'], '/timeline/launch.html');
    expect(csp.split(';')).toContain("connect-src 'self' https://fhir.hospital.example.org");
    expect(csp.split(';')).toContain('upgrade-insecure-requests');
  });

  // Oracle Health serves SMART's token endpoint from authorization.cerner.com, not from the
  // FHIR server's origin: fhirclient's POST there after launch needs it in connect-src.
  const ORACLE = {
    fhirServers: ['https://fhir-ehr.cerner.com/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d'],
    timeline: {
      authorizationServers: [
        'https://authorization.cerner.com/tenants/ec2458f2-1e24-41c8-b71b-0e701af7583d/protocols/oauth2/profiles/smart-v1/token',
      ],
      embeddingOrigins: ['https://ehr.hospital.example'],
    },
  };

  it('lets the page post to a SMART token endpoint on another origin, and be embedded by the EHRs named', async () => {
    const response = await request(testApp(ORACLE)).get('/timeline/launch.html');
    const csp = String(response.headers['content-security-policy']).split(';');
    expect(csp).toContain(
      "connect-src 'self' https://fhir-ehr.cerner.com https://authorization.cerner.com",
    );
    expect(csp).toContain("frame-ancestors 'self' https://ehr.hospital.example");
    // X-Frame-Options cannot name another origin; beside frame-ancestors it would only
    // refuse the EHR in browsers that read it first.
    expect(response.headers['x-frame-options']).toBeUndefined();
  });

  it('lets only the service itself embed the timeline when no EHR is named, and every other page still', async () => {
    const alone = await request(testApp({ fhirServers: ORACLE.fhirServers })).get(
      '/timeline/launch.html',
    );
    expect(String(alone.headers['content-security-policy']).split(';')).toContain(
      "frame-ancestors 'self'",
    );
    expect(alone.headers['x-frame-options']).toBe('SAMEORIGIN');
    const other = await request(testApp(ORACLE)).get('/healthz');
    expect(String(other.headers['content-security-policy']).split(';')).toContain(
      "frame-ancestors 'self'",
    );
    expect(other.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('leaves every other path with helmet’s default policy', async () => {
    const csp = await cspOf(['https://fhir.hospital.example.org/r4'], '/healthz');
    expect(csp).not.toContain('connect-src');
    expect(csp).toContain("default-src 'self'");
  });
});

describe('the config file’s timeline origins', () => {
  it('takes https origins only: a page served over https cannot use http ones', () => {
    const parsed = configSchema.safeParse({
      timeline: {
        authorizationServers: ['http://authorization.cerner.com'],
        embeddingOrigins: ['https://ehr.hospital.example'],
      },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([
      ['timeline', 'authorizationServers', 0],
    ]);
    const defaults = configSchema.parse({});
    expect(defaults.timeline).toEqual({ authorizationServers: [], embeddingOrigins: [] });
  });
});
