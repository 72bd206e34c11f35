/**
 * The timeline's launch page (`/timeline/launch.html`) hands its `patient` parameter to
 * fhirclient as the patient to read on an open FHIR server (web/timeline/launch.ts): the console
 * launches it so, emulating an EHR. That id is checked as every id a hook names is
 * (../cds/request-schema.ts `readableId`, H110): an id the service would answer 400 for is not
 * read here either, so the timeline never draws a patient the cards could not be about, and a
 * `/`, `?` or `&` cannot carry the page's reads to another resource. A SMART server's token names
 * the patient itself; an EHR's launch sends no `patient`, and is not affected.
 */
import type { RequestHandler } from 'express';
import { readableId } from '../cds/request-schema.js';
import { zodIssuesToOutcome } from '../cds/zod-issues.js';
import { ServiceError } from '../errors.js';

/** A 400 OperationOutcome naming `patient` when the launch names an id the service does not read. */
export const checkLaunchPatient: RequestHandler = (req, _res, next) => {
  // As the page reads it: the first `patient`, decoded by URLSearchParams; "" names no patient.
  const patient = new URL(req.originalUrl, 'http://localhost').searchParams.get('patient');
  if (patient) {
    const parsed = readableId.safeParse(patient);
    if (!parsed.success)
      throw new ServiceError(
        'invalid-request',
        zodIssuesToOutcome(parsed.error, { input: patient, prefix: ['patient'] }),
      );
  }
  next();
};
