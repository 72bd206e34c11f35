/**
 * A DICOM modality code as DICOM itself writes its values (H116). Modality is a Code String
 * (CS), whose values are uppercase by definition (DICOM PS3.5 §6.2: uppercase letters, digits,
 * the space and the underscore only), so `pt` in a DICOM modality can only be PT. A
 * multi-valued element holds its values separated by a backslash (PS3.5 §6.4), so a feed that
 * copies Modalities in Study (0008,0061) into one code sends `PT\CT`: PT and CT. Both readings
 * are exact, not guesses: only a code read in DICOM's system (or as DICOM's for want of a
 * system, H98) and only in a study's or series' modality is read so (./terminology.ts
 * holdsModality), and only when it matched nothing as sent. The trace names each reading.
 */
import { boundedMemo } from './bounded-memo.js';
import { codeRead, visibly } from './code-spelling.js';
import type { TraceLine } from './trace-line.js';

/** A modality code as sent and the DICOM values it holds, when the two differ. */
export interface ModalityReading {
  sent: string;
  /** Uppercase, each trimmed (DICOM pads a value with a space to an even length). */
  values: readonly string[];
  /** What differs, in words, for the trace. */
  how: string;
}

/** Only a code holding one of these can read otherwise: most modalities pass this test. */
export const MAY_HOLD_VALUES = /[\\a-z]/;
const LOWER_CASE = /[a-z]/;
const EACH_LOWER_CASE = /[a-z]/g;

/** Bounded, since codes are request data: a client may send any number of them. */
const READINGS_KEPT = 256;

/** The DICOM values the code holds, when they differ from the code as sent, trimmed. */
export const modalityReadingOf: (code: string) => ModalityReading | undefined = boundedMemo(
  READINGS_KEPT,
  (code) => work(code),
);

function work(sent: string): ModalityReading | undefined {
  const read = codeRead(sent);
  if (!MAY_HOLD_VALUES.test(read)) return undefined;
  const values = read
    .split('\\')
    .map((value) => value.trim().replace(EACH_LOWER_CASE, (c) => c.toUpperCase()))
    .filter((value) => value !== '');
  if (values.length === 0) return undefined;
  const how: string[] = [];
  if (values.length > 1 || read.includes('\\'))
    how.push('a backslash separates the values of a multi-valued DICOM element, PS3.5 §6.4');
  if (LOWER_CASE.test(read)) how.push('DICOM code strings are uppercase, PS3.5 §6.2');
  return { sent, values, how: how.join('; ') };
}

/**
 * `modality "PT\CT" read as DICOM's PT and CT (a backslash separates …): the feed should send
 * each modality as a coding of its own`; `modality "pt" read as DICOM's PT (…): the feed should
 * send PT`.
 */
export function modalityReadingLine({ sent, values, how }: ModalityReading): TraceLine {
  const send = values.length > 1 ? 'each modality as a coding of its own' : (values[0] ?? '');
  return {
    message: `modality "${visibly(sent)}" read as DICOM's ${values.join(' and ')} (${how}): the feed should send ${send}`,
  };
}
