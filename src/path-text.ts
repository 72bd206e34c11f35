/**
 * Apart from ./issue-lines.ts, which reads files (node:fs), because the browser apps need it
 * too: the timeline reads a patient as the service does (cds/malformed-data.ts), and with
 * node:fs in its import chain every web build warned that the module was externalized.
 */

/**
 * A place in a file or request as messages write it, `compose.include[0].concept[3]`: for the
 * checks of a value set (config/value-set-checks.ts), a repeated key (./repeated-keys.ts), and
 * as the FHIRPath `expression` of an OperationOutcome issue (`entry[0].resource.code`, zod's
 * path of a request or resource: cds/zod-issues.ts). Every key is written, an empty one too
 * (`['', 'code']` is `.code`, not `code`, a key the file does not have at its top).
 */
export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${String(key)}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}
