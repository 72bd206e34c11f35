/**
 * What an ImagingStudy's status says was done, as the timeline draws it. The cards count only
 * `available` studies as imaging done (rules page §3.4, src/rules/imaging-coverage.ts); a study
 * entered in error or cancelled is no finding's source either (H46, the cards' own predicate,
 * src/rules/voided-imaging.ts). The rest are neither done nor void: `registered` has no images
 * yet, `unknown` is unknown, and a status FHIR R4 does not define (an export's `final`) is read
 * as unknown too, since the cards do not read it as done. None is drawn as done (H50).
 */
export type VoidStatus = 'entered-in-error' | 'cancelled';
export type UnconfirmedStatus = 'registered' | 'unknown';
/** How a study is drawn and said: done, void, or not known to be done. */
export type StudyLook = 'available' | VoidStatus | UnconfirmedStatus;

const DONE_OR_VOID: ReadonlySet<string> = new Set(['available', 'entered-in-error', 'cancelled']);

/** A study's status when it is neither available nor void; else undefined. */
export function unconfirmedStatusOf(status: string | undefined): UnconfirmedStatus | undefined {
  if (status !== undefined && DONE_OR_VOID.has(status)) return undefined;
  return status === 'registered' ? 'registered' : 'unknown';
}

/** How a study of the timeline's model is drawn (only its two status fields are read). */
export function studyLookOf(study: {
  voidStatus?: VoidStatus | undefined;
  unconfirmedStatus?: UnconfirmedStatus | undefined;
}): StudyLook {
  return study.voidStatus ?? study.unconfirmedStatus ?? 'available';
}
