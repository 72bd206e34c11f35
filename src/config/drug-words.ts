/**
 * Myeloma drugs and regimen abbreviations a card template must not name (rules page §6: the
 * service never recommends a drug or regimen). Data, kept short: `validate`, the start and
 * every reload warn about a template holding one (./drug-word-warnings.ts), since a template
 * may name one to say it is not recommended. English only: the project ships no Chinese
 * names for them to check against (../shared/seed has none), so none are guessed here.
 */
export const DRUG_WORDS: readonly string[] = [
  'daratumumab',
  'isatuximab',
  'bortezomib',
  'carfilzomib',
  'ixazomib',
  'lenalidomide',
  'pomalidomide',
  'thalidomide',
  'melphalan',
  'dexamethasone',
  'cyclophosphamide',
  'selinexor',
  'teclistamab',
  'elranatamab',
  'talquetamab',
  'idecabtagene',
  'ciltacabtagene',
  'belantamab',
  'VRd',
  'KRd',
  'DRd',
  'DVRd',
  'Dara-VRd',
];
