/**
 * Issue #13, rules page §2 "Status": statuses as real exports write them. The standard codes
 * are read under the R4 and the STU3 system URIs; a status given only as text is read against
 * the configured words and only ever towards history or ignored; any other status that is
 * present but cannot be read makes the Condition uncertain; absent elements keep §2's defaults.
 */
import { describe, expect, it } from 'vitest';
import {
  certaintyOf,
  describeStatus,
  readConditionStatus,
} from '../../src/rules/condition-status.js';
import { evaluate, type Evaluation } from '../../src/rules/evaluate.js';
import { compileStatusWords } from '../../src/rules/status-words.js';
import type { HookContext } from '../../src/rules/types.js';
import {
  condition,
  defaultRuleSettings,
  icd,
  myeloma,
  NOW,
  PATIENT_ID,
  plasmacytoma,
  recordOf,
  SITE,
} from './fixtures.js';

const words = defaultRuleSettings.statusWords;
const R4 = {
  clinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  verification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
};
const STU3 = {
  clinical: 'http://hl7.org/fhir/condition-clinical',
  verification: 'http://hl7.org/fhir/condition-ver-status',
};
const LOCAL = 'https://ehr.example.org/CodeSystem/status';

const coded = (system: string, code: string): fhir4.CodeableConcept => ({
  coding: [{ system, code }],
});
const withStatus = (status: Partial<fhir4.Condition>) =>
  condition('c', { code: [icd('C90.20')], extra: status });
const read = (status: Partial<fhir4.Condition>) =>
  readConditionStatus(withStatus(status), words, NOW);

describe('standard status codes under the R4 and the STU3 system URIs', () => {
  for (const [name, systems] of [
    ['R4', R4],
    ['STU3', STU3],
  ] as const) {
    for (const code of ['refuted', 'entered-in-error']) {
      it(`ignores a Condition whose verificationStatus is ${code} under the ${name} URI`, () => {
        expect(read({ verificationStatus: coded(systems.verification, code) }).certainty).toBe(
          'excluded',
        );
      });
    }
    for (const code of ['provisional', 'differential']) {
      it(`counts verificationStatus ${code} under the ${name} URI as uncertain`, () => {
        expect(read({ verificationStatus: coded(systems.verification, code) }).certainty).toBe(
          'uncertain',
        );
      });
    }
    for (const code of ['resolved', 'inactive', 'remission']) {
      it(`counts clinicalStatus ${code} under the ${name} URI as history`, () => {
        const status = read({ clinicalStatus: coded(systems.clinical, code) });
        expect([status.isHistory, status.certainty]).toEqual([true, 'confirmed']);
      });
    }
    it(`reads clinicalStatus active and verificationStatus confirmed under the ${name} URI`, () => {
      const status = read({
        clinicalStatus: coded(systems.clinical, 'active'),
        verificationStatus: coded(systems.verification, 'confirmed'),
      });
      expect(status).toMatchObject({ certainty: 'confirmed', isHistory: false, unreadable: [] });
    });
  }
});

// Mutation testing (session 44): the default words hold the FHIR codes too ("refuted",
// "resolved" …), so the codes' own reading went untested. A site's own word list, here none,
// must not change it: rules page §2 and §6, "whatever the configuration says".
describe('standard status codes read the same whatever the configured status words', () => {
  const none = compileStatusWords({ history: [], ignored: [], notAbated: [] });
  const readWith = (status: Partial<fhir4.Condition>) =>
    readConditionStatus(withStatus(status), none, NOW);
  for (const code of ['refuted', 'entered-in-error']) {
    it(`ignores a Condition whose verificationStatus is ${code}, with no words configured`, () => {
      expect(readWith({ verificationStatus: coded(R4.verification, code) }).certainty).toBe(
        'excluded',
      );
    });
  }
  for (const code of ['resolved', 'inactive', 'remission']) {
    it(`counts clinicalStatus ${code} as history with no status words configured`, () => {
      const status = readWith({ clinicalStatus: coded(R4.clinical, code) });
      expect([status.isHistory, status.certainty]).toEqual([true, 'confirmed']);
    });
  }
});

describe('statuses given as text are read only towards history or ignored', () => {
  const historyTexts = [
    'resolved',
    'Resolved',
    'inactive',
    'remission',
    'In remission',
    '已缓解',
    '已解决',
    // Cured: what Chinese records write for a resolved condition (docs/configuring.md §1).
    '治愈',
    '已治愈',
  ];
  for (const text of historyTexts) {
    it(`counts the clinicalStatus text "${text}" as history`, () => {
      expect(read({ clinicalStatus: { text } }).isHistory).toBe(true);
    });
  }
  for (const text of ['refuted', 'Entered in error', 'entered-in-error', '排除']) {
    it(`ignores a Condition whose verificationStatus text is "${text}"`, () => {
      expect(read({ verificationStatus: { text } }).certainty).toBe('excluded');
    });
  }
  it('reads the text of a status coded in a local system the same way', () => {
    const local = { coding: [{ system: LOCAL, code: 'R', display: 'Resolved' }] };
    expect(read({ clinicalStatus: local }).isHistory).toBe(true);
    const refuted = { coding: [{ system: LOCAL, code: 'X' }], text: 'refuted' };
    expect(read({ verificationStatus: refuted }).certainty).toBe('excluded');
  });
  it('never reads text as active, relapse or confirmed: such a status cannot be read', () => {
    for (const text of ['active', 'relapse', 'confirmed', 'not resolved']) {
      const status = read({ clinicalStatus: { text } });
      expect(status.isHistory, text).toBe(false);
      expect(status.certainty, text).toBe('uncertain');
      expect(status.unreadable, text).toEqual(['clinicalStatus']);
    }
  });
});

describe('a status that is present but cannot be read makes the Condition uncertain', () => {
  const unreadable: [string, Partial<fhir4.Condition>, string][] = [
    ['a local code without text', { clinicalStatus: coded(LOCAL, 'A1') }, 'clinicalStatus'],
    [
      'an unknown code in the R4 system',
      { clinicalStatus: coded(R4.clinical, 'xyz') },
      'clinicalStatus',
    ],
    [
      'the STU3 code unknown',
      { verificationStatus: coded(STU3.verification, 'unknown') },
      'verificationStatus',
    ],
    ['unmatched text', { verificationStatus: { text: 'under review' } }, 'verificationStatus'],
    [
      'an R4 clinical code in verificationStatus',
      { verificationStatus: coded(R4.clinical, 'active') },
      'verificationStatus',
    ],
  ];
  for (const [name, status, element] of unreadable) {
    it(`reads ${name} as uncertain, not history, and names ${element}`, () => {
      expect(read(status)).toMatchObject({
        certainty: 'uncertain',
        isHistory: false,
        unreadable: [element],
      });
    });
  }
  // Mutation testing (session 44): two codes that disagree, the alarming one first; the one
  // that lowers the card counts (rules page §2 lowers it for provisional; never escalate).
  it('reads verificationStatus coded confirmed and provisional as uncertain', () => {
    const both = {
      coding: [
        { system: R4.verification, code: 'confirmed' },
        { system: STU3.verification, code: 'provisional' },
      ],
    };
    expect(read({ verificationStatus: both }).certainty).toBe('uncertain');
  });
  it('keeps the defaults (confirmed, active) only when the elements are absent', () => {
    expect(read({})).toMatchObject({ certainty: 'confirmed', isHistory: false, unreadable: [] });
  });

  // FHIR's data-absent-reason extension (http://hl7.org/fhir/StructureDefinition/data-absent-reason)
  // says why a value is missing; "masked" says it is withheld (FHIR R4 value set
  // data-absent-reason).
  const reason = (valueCode: string) => ({
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode }],
  });
  const empty: [string, fhir4.CodeableConcept][] = [
    ['an empty object', {}],
    ['an empty coding list', { coding: [] }],
    ['blank text', { text: '  ' }],
    ['a coding with a system and no code', { coding: [{ system: R4.verification }] }],
    ['only a data-absent-reason "unknown"', reason('unknown')],
    ['only a data-absent-reason "asked-unknown"', reason('asked-unknown')],
  ];
  for (const [name, concept] of empty) {
    it(`reads ${name} as absent: §2's defaults, confirmed and active`, () => {
      expect(read({ verificationStatus: concept, clinicalStatus: concept })).toMatchObject({
        certainty: 'confirmed',
        isHistory: false,
        unreadable: [],
      });
    });
  }
  // Mutation testing (session 44): a gateway that writes every element of its object model
  // sends a status it lacks as JSON null (FHIR forbids it); it says nothing, so §2's defaults.
  it("reads statuses sent as JSON null as absent: §2's defaults, confirmed and active", () => {
    const nulls = {
      clinicalStatus: null,
      verificationStatus: null,
    } as unknown as Partial<fhir4.Condition>;
    expect(read(nulls)).toMatchObject({ certainty: 'confirmed', isHistory: false, unreadable: [] });
  });
  it('reads a data-absent-reason "masked" (a status withheld) as unreadable', () => {
    expect(read({ verificationStatus: reason('masked') })).toMatchObject({
      certainty: 'uncertain',
      unreadable: ['verificationStatus'],
    });
  });
  it('reads an extension it does not know, with no code or text, as unreadable', () => {
    expect(
      read({
        verificationStatus: {
          extension: [{ url: 'https://ehr.example.org/ext/status', valueString: 'void' }],
        },
      }),
    ).toMatchObject({ certainty: 'uncertain', unreadable: ['verificationStatus'] });
  });
});

// H141: v3-ObservationValue REDACTED says the sender removed information from the resource; a
// status absent from it may be what was removed, so §2's default is not given: unreadable, as
// a data-absent-reason "masked" (a status withheld) is.
describe('a status absent from a Condition marked REDACTED is read as unreadable', () => {
  const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
  const redacted = (place: 'tag' | 'security', status: Partial<fhir4.Condition> = {}) =>
    withStatus({ meta: { [place]: [{ system: V3, code: 'REDACTED' }] }, ...status });

  for (const place of ['tag', 'security'] as const)
    it(`reads both statuses absent, marked in meta.${place}, as unreadable, and says why`, () => {
      const status = readConditionStatus(redacted(place), words, NOW);
      expect(status).toMatchObject({
        certainty: 'uncertain',
        isHistory: false,
        unreadable: ['clinicalStatus', 'verificationStatus'],
        uncertainBecause: ['unreadable'],
      });
      expect(describeStatus(status)).toBe(
        `status could not be read (clinicalStatus, verificationStatus absent, and the Condition is marked REDACTED (meta.${place}): read as not readable): counts as uncertain`,
      );
    });

  // Mutation testing (session 44): an element that holds nothing is absent (§2's reading,
  // tested above on unmarked Conditions); on a marked one it too may be what was removed.
  it('reads an element that holds nothing, on a marked Condition, as absent so: unreadable', () => {
    const status = readConditionStatus(
      redacted('security', {
        clinicalStatus: coded(R4.clinical, 'active'),
        verificationStatus: {},
      }),
      words,
      NOW,
    );
    expect(status).toMatchObject({ certainty: 'uncertain', unreadable: ['verificationStatus'] });
  });

  it('reads only the absent one so: a clinicalStatus sent is read as sent', () => {
    const status = readConditionStatus(
      redacted('security', { clinicalStatus: coded(R4.clinical, 'resolved') }),
      words,
      NOW,
    );
    expect(status).toMatchObject({
      certainty: 'uncertain',
      isHistory: true,
      unreadable: ['verificationStatus'],
    });
  });

  it('names an unreadable status sent apart from one absent', () => {
    const status = readConditionStatus(
      redacted('tag', { clinicalStatus: coded(LOCAL, 'A1') }),
      words,
      NOW,
    );
    expect(describeStatus(status)).toBe(
      'status could not be read (clinicalStatus; verificationStatus absent, and the Condition is marked REDACTED (meta.tag): read as not readable): counts as uncertain',
    );
  });

  it('reads both statuses sent as sent: confirmed and active, nothing to say', () => {
    const status = readConditionStatus(
      redacted('security', {
        clinicalStatus: coded(R4.clinical, 'active'),
        verificationStatus: coded(R4.verification, 'confirmed'),
      }),
      words,
      NOW,
    );
    expect(status).toMatchObject({ certainty: 'confirmed', unreadable: [] });
    expect(describeStatus(status)).toBe('');
  });

  it('reads a refuted status sent as refuted: ignored', () => {
    expect(
      readConditionStatus(
        redacted('tag', { verificationStatus: coded(R4.verification, 'refuted') }),
        words,
        NOW,
      ).certainty,
    ).toBe('excluded');
  });

  it('reads no REDACTED of another system, in another case or another code', () => {
    for (const meta of [
      { security: [{ system: 'http://example.org/labels', code: 'REDACTED' }] },
      { security: [{ system: V3, code: 'redacted' }] },
      { security: [{ system: V3, code: 'MASKED' }] },
    ])
      expect(readConditionStatus(withStatus({ meta }), words, NOW).unreadable).toEqual([]);
  });

  // The reading is cached by Condition object (and word list and time): the mark is part of
  // the object read, so the same content without it, another object, is read afresh.
  it('keeps the cache per Condition: marked and unmarked copies read apart, each the same again', () => {
    const marked = redacted('security');
    const plain = withStatus({});
    for (let round = 0; round < 2; round += 1) {
      expect(readConditionStatus(marked, words, NOW).certainty).toBe('uncertain');
      expect(readConditionStatus(plain, words, NOW).certainty).toBe('confirmed');
    }
    expect(certaintyOf(redacted('tag'), words)).toBe('uncertain');
    expect(certaintyOf(marked, words)).toBe('uncertain');
  });
});

describe('over evaluate(): no alarm from a status that says refuted, resolved or nothing readable', () => {
  const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
  const run = (resources: fhir4.Resource[]): Evaluation =>
    evaluate({ record: recordOf(resources), settings: defaultRuleSettings, context, now: NOW });
  const cards = (evaluation: Evaluation) =>
    evaluation.outcomes.filter((o) => o.fired).map((o) => [o.ruleId, o.indicator]);
  const mm = myeloma('mm', { onset: '2019-05-01' });
  const brain = (extra: Partial<fhir4.Condition>) => plasmacytoma('brain', [SITE.brain], { extra });

  const silent: [string, Partial<fhir4.Condition>][] = [
    ['refuted under the STU3 URI', { verificationStatus: coded(STU3.verification, 'refuted') }],
    ['resolved under the STU3 URI', { clinicalStatus: coded(STU3.clinical, 'resolved') }],
    ['resolved as text only', { clinicalStatus: { text: 'resolved' } }],
    ['已解决 as text only', { clinicalStatus: { text: '已解决' } }],
    ['已治愈 (cured) as text only', { clinicalStatus: { text: '已治愈' } }],
    // A past problem as exports write it in the status (probe 9): rules page §2, history.
    ['"History of" as text only', { clinicalStatus: { text: 'History of' } }],
    ['既往 (past) as text only', { clinicalStatus: { text: '既往' } }],
    [
      '既往史 (past history) as a local coding’s display',
      {
        clinicalStatus: { coding: [{ system: LOCAL, code: 'PH', display: '既往史' }] },
      },
    ],
    [
      'refuted as text in a local code system',
      { verificationStatus: { coding: [{ system: LOCAL, code: 'RF', display: 'Refuted' }] } },
    ],
    // Mutation testing (session 44): no test sent these shapes. A display with no code is read
    // by the status words (a coding that holds a code or a display says something); STU3 sent
    // the statuses as plain codes, and the browser app may pass them on (condition-status.ts).
    [
      'resolved as the display of an R4 coding with no code',
      { clinicalStatus: { coding: [{ system: R4.clinical, display: 'Resolved' }] } },
    ],
    // The words beside a standard code: the export coded "confirmed" and wrote that the record
    // was entered in error (rules page §2: such a Condition is ignored entirely).
    [
      'coded confirmed, its text saying entered in error',
      {
        verificationStatus: {
          coding: [{ system: R4.verification, code: 'confirmed' }],
          text: 'Entered in error',
        },
      },
    ],
    [
      'resolved as an STU3 plain code',
      { clinicalStatus: 'resolved' as unknown as fhir4.CodeableConcept },
    ],
    [
      'entered in error as an STU3 plain code',
      { verificationStatus: 'entered-in-error' as unknown as fhir4.CodeableConcept },
    ],
  ];
  for (const [name, status] of silent) {
    it(`raises no card for a brain plasmacytoma ${name}`, () => {
      expect(cards(run([mm, brain(status)]))).toEqual([]);
    });
  }

  it('shows a brain plasmacytoma whose status cannot be read at info, and says why', () => {
    const evaluation = run([mm, brain({ clinicalStatus: coded(LOCAL, 'A1') })]);
    expect(cards(evaluation)).toEqual([['emd-cns', 'info']]);
    const cns = evaluation.outcomes.find((o) => o.ruleId === 'emd-cns');
    expect(cns?.explain.join('\n')).toMatch(/status could not be read/);
    expect(evaluation.trace.find((l) => l.reference === 'Condition/brain')?.message).toMatch(
      /status could not be read \(clinicalStatus\)/,
    );
  });

  it('gives the critical card of a leptomeningeal finding whose status is only a data-absent-reason', () => {
    const unknown = {
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
          valueCode: 'unknown',
        },
      ],
    };
    const evaluation = run([
      mm,
      plasmacytoma('csf', [SITE.meninges], {
        extra: { verificationStatus: unknown, clinicalStatus: { coding: [] } },
      }),
    ]);
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'critical']]);
  });

  it('never makes a critical card from a finding whose status cannot be read', () => {
    const evaluation = run([
      mm,
      plasmacytoma('csf', [SITE.meninges], { extra: { verificationStatus: { text: '?' } } }),
    ]);
    expect(cards(evaluation)).toEqual([['emd-leptomeningeal', 'info']]);
  });

  const notMyeloma: [string, Partial<fhir4.Condition>][] = [
    ['refuted under the STU3 URI', { verificationStatus: coded(STU3.verification, 'refuted') }],
    ['refuted as text', { verificationStatus: { text: 'Refuted' } }],
    [
      'entered in error under the STU3 URI',
      { verificationStatus: coded(STU3.verification, 'entered-in-error') },
    ],
  ];
  for (const [name, status] of notMyeloma) {
    it(`does not make a myeloma patient of a myeloma Condition ${name}`, () => {
      const evaluation = run([myeloma('mm', { extra: status }), brain({})]);
      expect(evaluation.facts.myeloma.isMyelomaPatient).toBe(false);
      expect(cards(evaluation)).toEqual([]);
    });
  }

  it('keeps a myeloma patient whose myeloma is resolved by text (rules page §3.1)', () => {
    const evaluation = run([
      myeloma('mm', { extra: { clinicalStatus: { text: 'resolved' } } }),
      brain({}),
    ]);
    expect(cards(evaluation)).toEqual([['emd-cns', 'critical']]);
  });
});

/**
 * SNOMED CT status concepts as C-CDA writes a problem's status (Problem Status value set
 * 2.16.840.1.113883.3.88.12.80.68: 55561003 Active, 73425007 Inactive, 413322009 Resolved;
 * C-CDA on FHIR's ConceptMap CF-ProblemStatus: 246455001 Recurrence) and its two verification
 * qualifier values (410605003 Confirmed present, 410516002 Known absent), copied into FHIR by
 * converters with or without a display (probe 9; H127). Rules page §1: a CNS card is critical;
 * §2: only unconfirmed, provisional and differential lower a card; refuted is ignored; resolved
 * or inactive is history, which raises no card.
 */
describe('SNOMED CT status concepts (C-CDA Problem Status)', () => {
  const SCT = 'http://snomed.info/sct';
  const SCT_OID = 'urn:oid:2.16.840.1.113883.6.96';
  const context: HookContext = { kind: 'patient-view', patientId: PATIENT_ID };
  const cardsFor = (resources: fhir4.Resource[]) =>
    evaluate({ record: recordOf(resources), settings: defaultRuleSettings, context, now: NOW })
      .outcomes.filter((o) => o.fired)
      .map((o) => [o.ruleId, o.indicator]);
  const mm = myeloma('mm', { onset: '2019-05-01' });
  const brain = (extra: Partial<fhir4.Condition>) => plasmacytoma('brain', [SITE.brain], { extra });

  it('reads clinicalStatus 55561003 (Active) as active: the CNS card stays critical', () => {
    const status = {
      clinicalStatus: { coding: [{ system: SCT, code: '55561003', display: 'Active' }] },
    };
    expect(read(status)).toMatchObject({
      certainty: 'confirmed',
      isHistory: false,
      unreadable: [],
    });
    expect(cardsFor([mm, brain(status)])).toEqual([['emd-cns', 'critical']]);
  });

  it('reads a SNOMED CT status code with blanks around it as the code: the CNS card stays critical', () => {
    // As a copy from a C-CDA document's attribute keeps them (H97 trims every code so).
    const status = { clinicalStatus: coded(SCT, ' 55561003\t') };
    expect(read(status)).toMatchObject({ isHistory: false, unreadable: [] });
    expect(cardsFor([mm, brain(status)])).toEqual([['emd-cns', 'critical']]);
  });

  it('reads verificationStatus 410605003 (Confirmed present) as confirmed, under the OID too', () => {
    for (const system of [SCT, SCT_OID]) {
      const status = { verificationStatus: coded(system, '410605003') };
      expect(read(status).certainty).toBe('confirmed');
      expect(cardsFor([mm, brain(status)])).toEqual([['emd-cns', 'critical']]);
    }
  });

  it('keeps the myeloma patient whose myeloma Condition is 55561003 (Active): cards not lowered', () => {
    const myelomaActive = myeloma('mm', {
      onset: '2019-05-01',
      extra: { clinicalStatus: coded(SCT, '55561003') },
    });
    expect(cardsFor([myelomaActive, brain({})])).toEqual([['emd-cns', 'critical']]);
  });

  for (const [name, status] of [
    ['413322009 (Resolved) with no display', { clinicalStatus: coded(SCT, '413322009') }],
    ['73425007 (Inactive) with no display', { clinicalStatus: coded(SCT, '73425007') }],
    ['410516002 (Known absent)', { verificationStatus: coded(SCT, '410516002') }],
  ] as const) {
    it(`raises no card for a brain plasmacytoma whose status is ${name}`, () => {
      expect(cardsFor([mm, brain(status)])).toEqual([]);
    });
  }

  it('says in the trace that a status was read from SNOMED CT, and as what', () => {
    const evaluation = evaluate({
      record: recordOf([mm, brain({ clinicalStatus: coded(SCT, '55561003') })]),
      settings: defaultRuleSettings,
      context,
      now: NOW,
    });
    expect(evaluation.trace.map((line) => line.message)).toContain(
      "clinicalStatus SNOMED CT 55561003 read as active (C-CDA's problem status, as C-CDA on FHIR maps it): the feed may send FHIR's own code",
    );
  });

  it('reads 246455001 (Recurrence) as the FHIR code recurrence, not history', () => {
    const status = read({ clinicalStatus: coded(SCT, '246455001') });
    expect(status).toMatchObject({ clinicalCode: 'recurrence', isHistory: false, unreadable: [] });
  });

  it('still lowers a SNOMED CT status it cannot map (415684004 Suspected), and an Active in another system', () => {
    expect(read({ verificationStatus: coded(SCT, '415684004') }).certainty).toBe('uncertain');
    expect(read({ clinicalStatus: coded(LOCAL, '55561003') }).unreadable).toEqual([
      'clinicalStatus',
    ]);
  });

  it('lets the calmer of two codes win when a SNOMED CT and a FHIR code disagree', () => {
    const both = {
      coding: [
        { system: R4.clinical, code: 'active' },
        { system: SCT, code: '413322009' },
      ],
    };
    expect(read({ clinicalStatus: both }).isHistory).toBe(true);
  });
});
