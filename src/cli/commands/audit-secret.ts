/**
 * `emd-cds audit-secret`: a fresh audit key for EMD_CDS_AUDIT_SECRET, the one key every node
 * of a fleet shares (docs/deploying.md, "The same on every node"). On stdout and nowhere else:
 * no log line, no file, so the key goes only where the operator redirects it.
 */
import { parseArgs } from 'node:util';
import { newAuditSecret } from '../../config/audit-secret.js';
import type { CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const auditSecretCommand: CliCommand = {
  usage: USAGES['audit-secret'],
  run(args) {
    // No options: a key of another length or encoding is one the service may refuse.
    parseArgs({ args, options: {} });
    process.stdout.write(`${newAuditSecret()}\n`);
    return Promise.resolve(0);
  },
};
