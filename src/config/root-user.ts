/**
 * Running as root (uid 0) in production: one warning at start, not a refusal, since many
 * containers run as root and their own isolation then bounds what the process can reach.
 * Elsewhere root gives a flaw in the service, or in any library it loads, the whole machine:
 * the config, the audit key, the store and every other service's files.
 */

/** The warning for a process of user `uid` (undefined where there are no uids: Windows). */
export function rootUserWarning(production: boolean, uid: number | undefined): string | undefined {
  if (!production || uid !== 0) return undefined;
  return 'running as root (uid 0) with NODE_ENV=production: a flaw in the service or in a library it loads could change anything on this machine (run it as a user of its own: User= in deploy/systemd/emd-cds.service, USER in a container image, runAsNonRoot in Kubernetes; docs/deploying.md)';
}
