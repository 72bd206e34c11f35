/**
 * The timeline's own words in English (./i18n.ts picks the locale). Finding-class names come
 * from the service's card wording (settings.json `classLabels`), so cards and timeline agree.
 */
export const en = {
  title: 'EMD timeline',
  subtitle: 'Extramedullary disease in multiple myeloma: findings by site and class',
  language: 'Language',
  loading: 'Loading the patient’s record…',
  launching: 'Connecting to the FHIR server…',
  // Between a label and its value ("Patient: …"); Chinese writes the full-width colon, with no
  // space after it.
  colon: ': ',
  // Around an aside after words ("MRI brain (registered, no images yet)"), and between the
  // clauses of a description ("Liver, Jan 10, 2026, active"): Chinese writes the full-width
  // "（…）" and "，", with no space around them.
  parentheses: { open: ' (', close: ')' },
  comma: ', ',
  // Between the names of a list, only until the settings load: after, the cards' wording's
  // separator is used (settings.json `listSeparators`, ./labels.ts `listComma`), so a configured
  // one applies to the timeline as to cards. Chinese writes "、", as the default wording does;
  // test/web/timeline-list-separator.test.ts keeps the two defaults alike.
  listComma: ', ',
  // After a body map mark's number ("1. Liver…"). Chinese numbers with the full stop set
  // full-width and no space ("1．肝…"): a list number after an Arabic numeral takes the full stop
  // (、 follows Chinese numerals, 一、), and in Chinese text it is set full-width like the rest.
  numbered: '. ',
  // Between a finding's statuses ("active · unconfirmed"). Chinese writes the middle dot with no
  // space around it; a comma would blur into the comma inside 仅文字记录，未编码.
  statusSeparator: ' · ',
  // Between the patient's name and the phase on the patient line. Chinese writes "，": a middle
  // dot after a name reads as part of it, as in transliterated names (约翰·史密斯).
  fieldSeparator: ' · ',
  // Between two words, as the legend's struck "study" and a status: Chinese writes none.
  wordSpace: ' ',
  patient: 'Patient',
  phase: 'Phase',
  phases: { diagnosis: 'at diagnosis', relapsed: 'relapsed', unknown: 'not determined' },
  noMyeloma:
    'No (non-refuted) myeloma Condition on the record: the service shows no EMD cards for this patient.',
  timelineHeading: 'Time axis',
  timelineDescription:
    'Myeloma diagnosis and relapses, each finding by class with its date, and the imaging studies that found them.',
  lanes: { myeloma: 'Myeloma', imaging: 'Imaging' },
  events: {
    diagnosis: 'myeloma diagnosed',
    relapse: 'relapse recorded',
    remission: 'remission recorded',
  },
  bodyMapHeading: 'Body map',
  bodyMapDescription: 'Sites of the findings, marked by class (shape, colour and label).',
  notOnMap: 'Sites not on the map',
  noSite: 'no body site recorded',
  tableHeading: 'Findings',
  columns: {
    site: 'Site',
    findingClass: 'Class',
    date: 'Date',
    status: 'Status',
    source: 'Found on (imaging)',
  },
  statuses: {
    active: 'active',
    history: 'history (resolved or inactive)',
    uncertain: 'unconfirmed',
    textOnly: 'text only, not coded',
  },
  textOnlyClass: 'not classified (text only)',
  // "Non-refuted", as noMyeloma says: a record holding only a refuted or entered-in-error
  // finding holds one, and the page must not read as if the record were empty.
  noFindings: 'No (non-refuted) plasmacytoma or CNS / leptomeningeal finding on the record.',
  noDate: 'date unknown',
  // Before the findings and studies the axis cannot place (./axis-notes.ts), each by its full
  // name, which holds commas: so the names are set apart by a semicolon (Chinese "；").
  undated: 'Not on the time axis, as the record gives them no date',
  itemSeparator: '; ',
  noSource: 'none cited',
  legend: 'Legend',
  studies: 'Imaging studies',
  // FHIR R4 ImagingStudy.status of a study the axis does not draw as done (H50,
  // ./study-status.ts); `unknown` also stands for a status R4 does not define.
  studyStatus: {
    'entered-in-error': 'entered in error, withdrawn',
    cancelled: 'cancelled, not done',
    registered: 'registered, no images yet',
    unknown: 'status unknown',
  },
  // The legend's name for a study drawn as done, beside the statuses above.
  studyAvailable: 'imaging study, images available',
  // A word the legend strikes through, as the axis strikes a study entered in error's name.
  studyName: 'study',
  gaps: {
    ImagingStudy: 'Imaging studies could not be read; the imaging lane may be incomplete.',
    DiagnosticReport: 'Imaging reports could not be read.',
  },
  errors: {
    heading: 'The timeline cannot be shown',
    noIss:
      'This page is opened by the EHR from a card (SMART App Launch): it needs an iss parameter naming the FHIR server.',
    notLaunched:
      'The timeline was not launched. Open it from a card, or through launch.html?iss=…&launch=…&patient=….',
    noPatient: 'The launch did not say which patient to show.',
    fhir: 'The FHIR server could not be read',
    settings: 'The EMD service’s settings could not be loaded',
  },
  // A malformed Condition a rule might read (H37, H51): the service refuses the record (412).
  // Heading and message by what was malformed (./unreadable-text.ts): Conditions, a Bundle in
  // their place (a batch's answer passed on whole, H43), or anything else, or a mix.
  unreadable: {
    headings: {
      Condition:
        'The timeline cannot be shown: the record holds a Condition the EMD service cannot read',
      Bundle:
        'The timeline cannot be shown: the patient’s Conditions came inside a Bundle, which the EMD service does not read',
      subsetted:
        'The timeline cannot be shown: the FHIR server sent a Condition of this patient only in part',
      other:
        'The timeline cannot be shown: the patient’s Conditions hold data the EMD service cannot read',
    },
    messages: {
      Condition:
        'A Condition of this patient is not in the FHIR R4 form the EMD service reads, and it may be the myeloma or a finding. While it is in the record, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected in the record.',
      Bundle:
        'The FHIR server answered the search for this patient’s Conditions with a Bundle among them (typically a batch’s answer passed on whole), so the Conditions inside it are not read, and they may include the myeloma or a finding. While the answer is so, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected.',
      subsetted:
        'The FHIR server marked a Condition of this patient SUBSETTED: it was sent without some of its elements (its statuses or body site, as _elements or _summary leave out), and an element left out would be read as absent, a refuted finding as confirmed. The EMD service never reads such a Condition as whole: it reads the Conditions afresh, or gives no EMD cards for this patient, and the timeline is not drawn. The FHIR server should send this patient’s Conditions whole.',
      other:
        'Data among this patient’s Conditions is not in the FHIR R4 form the EMD service reads, and it may be the myeloma or a finding. While it is there, the service gives no EMD cards for this patient and the timeline is not drawn: neither the cards nor the timeline can be trusted for this patient until it is corrected in the record.',
    },
    toCorrect: 'To correct:',
    noId: 'no valid id',
    fields: 'fields not in FHIR R4 form',
    bundle: 'a Bundle, not a Condition: what it holds is not read',
    notResource: 'not a FHIR resource',
    sentInPart: 'sent only in part (marked SUBSETTED)',
  },
  disclaimer:
    'Decision support only: classification follows the rules page of the EMD service (Bladé et al., Blood Cancer J 2022).',
};

/** Every locale's words have this shape: a missing or extra key does not compile. */
export type Dictionary = typeof en;
