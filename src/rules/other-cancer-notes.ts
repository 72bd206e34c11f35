/**
 * H135: a Condition coded as a plasmacytoma and, in the same `code`, as another cancer (C79.31
 * "Secondary malignant neoplasm of brain" beside C90.20), as an exporter merging two problem-list
 * entries or a coder hedging between two diagnoses writes it. Rules page §3.3 makes it a finding
 * by its plasmacytoma code, and its card keeps the level that code gives: the record does say
 * plasmacytoma, and a wrong lowering would hide a critical card (as H101 reasons for a finding's
 * own text). What the other code says is not lost: the explain trace names it, so that an
 * informatics team can have the record split or corrected, and the card names the finding by its
 * plasmacytoma coding, never by the other cancer's display (./collect-findings.ts).
 *
 * Another cancer is read only where the code system says so without a hierarchy: ICD-10-CM's
 * malignant neoplasms (C00–C96, and C7A/C7B) outside C90 (myeloma and the plasmacytomas), and an
 * ICD-O-3 morphology of malignant behaviour (/3 primary, /6 metastatic, /9 either) outside the
 * plasma-cell neoplasms (9731–9734). Each only when no value set holds the coding.
 *
 * The same for a finding whose own `code.text` names another disease ("Breast carcinoma
 * metastasis to brain", 乳腺癌软脑膜转移 on a C90.20): by default the words of the diseases the
 * text-only patterns stand apart from (../config/text-only-other-diseases.ts), given in the
 * settings from the config key `textOnlyOtherDiseasePatterns`.
 */
import { codeRead } from './code-spelling.js';
import { cutWithEllipsis } from './text-end.js';
import { ICD_10_CM, ICD_O_3, normaliseCode, type Terminology } from './terminology.js';
import type { RuleSettings } from './types.js';

// Both read the code as the value sets compare it (./terminology.ts normaliseCode): ICD-10-CM
// without its dots, upper case; an ICD-O-3 morphology as histology/behaviour (M-97323 = 9732/3).
/** A malignant neoplasm's ICD-10-CM category, not C90. */
const ICD_10_MALIGNANT = /^C(?!90)(?:\d\d|7[AB])/;
/** An ICD-O-3 morphology: histology and behaviour. */
const ICD_O_3_MORPHOLOGY = /^(\d{4})\/(\d)$/;
const MALIGNANT_BEHAVIOURS: ReadonlySet<string> = new Set(['3', '6', '9']);
/** Solitary, extramedullary and plasma-cell myeloma, plasma cell leukaemia: myeloma's own. */
const PLASMA_CELL_HISTOLOGY = /^973[1-4]$/;

/** A coding's name in the trace, bounded: a display is the code system's, not the record's. */
const DISPLAY_SHOWN_AT_MOST = 60;

/** The codings of another cancer in the code, in record order; empty for nearly every code. */
export function otherCancerCodings(
  codings: readonly fhir4.Coding[] | undefined,
  terminology: Terminology,
): fhir4.Coding[] {
  const found: fhir4.Coding[] = [];
  for (const coding of codings ?? [])
    if (isOtherCancer(coding, terminology) && terminology.rolesOf([coding]) === 0)
      found.push(coding);
  return found;
}

function isOtherCancer(coding: fhir4.Coding, terminology: Terminology): boolean {
  const { system, code } = coding;
  if (typeof system !== 'string' || typeof code !== 'string') return false;
  const canonical = terminology.canonicalSystem(system.trim());
  if (canonical !== ICD_10_CM && canonical !== ICD_O_3) return false;
  const compared = normaliseCode(canonical, codeRead(code));
  if (canonical === ICD_10_CM) return ICD_10_MALIGNANT.test(compared);
  const morphology = ICD_O_3_MORPHOLOGY.exec(compared);
  return (
    morphology !== null &&
    !PLASMA_CELL_HISTOLOGY.test(morphology[1] ?? '') &&
    MALIGNANT_BEHAVIOURS.has(morphology[2] ?? '')
  );
}

/**
 * The trace's note on an active finding whose code also holds another cancer's code
 * (`; its code also holds …`), or undefined when it holds none.
 */
export function otherCancerNote(
  codings: readonly fhir4.Coding[] | undefined,
  terminology: Terminology,
): string | undefined {
  const others = otherCancerCodings(codings, terminology);
  if (others.length === 0) return undefined;
  const named = others
    .map(({ code, display }) => {
      const name = display?.trim();
      const shown = (code ?? '').trim();
      return name ? `${shown} (${cutWithEllipsis(name, DISPLAY_SHOWN_AT_MOST)})` : shown;
    })
    .join(', ');
  const which = others.length === 1 ? 'another cancer' : 'other cancers';
  return `; its code also holds ${named}, ${which} in no value set: it is a finding by its plasmacytoma code (rules page §3.3) and its card keeps its level; if the lesion is the other cancer's, the record should not code it as a plasmacytoma (H135)`;
}

/** A finding's own text in the trace, bounded: the record's words, as H101 quotes them. */
const TEXT_SHOWN_AT_MOST = 120;
/** A Latin letter: the rest of a word a pattern matched the stem of ("carcinom" → "carcinoma"). */
const isLetter = (text: string, at: number): boolean => /[a-z]/i.test(text.charAt(at));
/** How far a word is followed either way: disease names are short, texts may be long. */
const WORD_REACH = 24;

/**
 * The trace's note on an active finding whose own text names another disease (`; its own text
 * … names another disease …`), or undefined when it names none or no words are set.
 */
export function otherDiseaseTextNote(
  text: string | undefined,
  settings: Pick<RuleSettings, 'otherDiseaseTextPatterns'>,
): string | undefined {
  if (!text) return undefined;
  for (const pattern of settings.otherDiseaseTextPatterns ?? []) {
    const match = pattern.exec(text);
    if (match === null) continue;
    let start = match.index;
    while (start > match.index - WORD_REACH && start > 0 && isLetter(text, start - 1)) start -= 1;
    const matchEnd = match.index + match[0].length;
    let end = matchEnd;
    while (end < matchEnd + WORD_REACH && isLetter(text, end)) end += 1;
    const word = text.slice(start, end);
    return `; its own text "${cutWithEllipsis(text, TEXT_SHOWN_AT_MOST)}" names another disease ("${word}"): it is a finding by its plasmacytoma code (rules page §3.3) and its card keeps its level; if the lesion is the other disease's, the record should not code it as a plasmacytoma (H135)`;
  }
  return undefined;
}
