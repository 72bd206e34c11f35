/**
 * Settings that are fine on a laptop and unsafe in a hospital (issue #14, docs/security.md
 * "Deployment checklist"). A pure function of the resolved start-up options: main.ts stops
 * the start on any of them when NODE_ENV=production, and logs them as one warning block
 * otherwise. Each problem names the setting to change; logged as `<setting>: <problem>`.
 */
import { isSafeKeyUrl } from '../auth/key-url.js';
import { isHttpsOrLoopback, isLoopbackHost } from '../fhir/loopback-host.js';
import type { TrustedIssuer } from '../auth/trusted-issuers.js';
import { DEBUG_EXCLUSIONS, isDebugEnabled, LEAKING_DEBUG_NAMESPACES } from './debug-namespaces.js';
import type { ServiceOptions } from './environment.js';
import { checkPublicBaseUrl, publicBaseUrlWarnings } from './public-base-url-checks.js';

export interface DeploymentProblem {
  /** The environment variable (or config key) to change. */
  setting: string;
  problem: string;
}

/** The admin token is a bearer secret: 32 characters of `openssl rand -base64 32` or more. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

const SANDBOX_HOST = 'sandbox.cds-hooks.org';

/**
 * What a production start says at warn level and does not refuse: each may be right for a
 * site that knows why (none outside production, where deploymentProblems warns already).
 */
export function deploymentWarnings(options: ServiceOptions): DeploymentProblem[] {
  const warnings: DeploymentProblem[] = [];
  publicBaseUrlWarnings((setting, problem) => warnings.push({ setting, problem }), options);
  return warnings;
}

/**
 * What makes `options` unsafe to deploy. `fileIssuers` are the issuers read from
 * AUTH_ISSUERS_FILE (the options hold only its path).
 */
export function deploymentProblems(
  options: ServiceOptions,
  fileIssuers: readonly TrustedIssuer[],
): DeploymentProblem[] {
  const { auth } = options;
  const problems: DeploymentProblem[] = [];
  const add = (setting: string, problem: string) => problems.push({ setting, problem });
  checkPublicBaseUrl(add, options);
  if (!auth.enabled)
    add('AUTH', 'off (auth.enabled): anyone who can reach the service can call it without a token');
  if (auth.localIssuer.enabled)
    add(
      'AUTH_LOCAL_ISSUER',
      `on (auth.localIssuer): the local test issuer is trusted, and its private key is on this machine (${auth.localIssuer.keyDir})`,
    );
  if (auth.cdsHooksSandbox.enabled) {
    add(
      'AUTH_TRUST_CDS_HOOKS_SANDBOX',
      'true (auth.trustCdsHooksSandbox): the public CDS Hooks Sandbox is trusted, and its private key is published',
    );
    if (/^https?:\/\//.test(auth.cdsHooksSandbox.jwks))
      checkKeyUrl(add, 'AUTH_CDS_HOOKS_SANDBOX_JWKS', 'the sandbox', auth.cdsHooksSandbox.jwks);
  }
  for (const issuer of auth.issuers) checkIssuer(add, 'auth.issuers (EMD_CDS_CONFIG)', issuer);
  for (const issuer of fileIssuers) checkIssuer(add, 'AUTH_ISSUERS_FILE', issuer);
  const trusted =
    auth.issuers.length +
    fileIssuers.length +
    (auth.localIssuer.enabled ? 1 : 0) +
    (auth.cdsHooksSandbox.enabled ? 1 : 0);
  if (auth.enabled && trusted === 0)
    add(
      'AUTH_ISSUERS_FILE',
      'no trusted issuer is configured: every call would be refused with 401 (list the EHR in AUTH_ISSUERS_FILE or auth.issuers)',
    );
  if (options.corsOrigins.some(isSandboxOrigin))
    add(
      'CORS_ORIGINS',
      `admits the public CDS Hooks Sandbox, ${SANDBOX_HOST} (service.corsOrigins): pages of a public site may call the service from browsers inside the hospital`,
    );
  if (options.adminToken !== undefined && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
    add(
      'EMD_CDS_ADMIN_TOKEN',
      `shorter than ${String(MIN_ADMIN_TOKEN_LENGTH)} characters (make one with: openssl rand -base64 32)`,
    );
  for (const server of options.allowedFhirServers) checkFhirServer(add, server);
  checkMetrics(add, options);
  checkDebug(add, options.debugNamespaces);
  if (options.clusterTimeScale !== 1)
    add(
      'EMD_CDS_CLUSTER_TIME_SCALE',
      `${String(options.clusterTimeScale)}, for tests only: a cluster restarts a failing worker and gives up that much sooner (unset it)`,
    );
  return problems;
}

/** One problem naming each debug log DEBUG switches on that prints tokens or patient data. */
function checkDebug(add: (setting: string, problem: string) => void, debug: string | undefined) {
  const leaking = new Map<string, string>();
  for (const { namespace, prints } of LEAKING_DEBUG_NAMESPACES)
    if (isDebugEnabled(debug, namespace)) leaking.set(namespace.split(':')[0] ?? namespace, prints);
  if (leaking.size === 0) return;
  const logs = [...leaking].map(([name, prints]) => `${name}'s debug log, which prints ${prints}`);
  add(
    'DEBUG',
    `switches on ${logs.join(', and ')}, to stderr (unset DEBUG, or add ${DEBUG_EXCLUSIONS})`,
  );
}

/**
 * The Bearer credential GET /metrics needs: the admin token wherever /metrics can be reached
 * from off this machine (the service's port, or METRICS_HOST not loopback); none on a
 * loopback listener of its own, nor when no admin token is set (deploymentProblems says so).
 */
export function metricsCredential(options: ServiceOptions): string | undefined {
  return isMetricsOnLoopback(options) ? undefined : options.adminToken;
}

function isMetricsOnLoopback(options: ServiceOptions): boolean {
  return options.metrics.port !== undefined && isLoopbackHost(options.metrics.host);
}

function checkMetrics(add: (setting: string, problem: string) => void, options: ServiceOptions) {
  if (isMetricsOnLoopback(options) || options.adminToken !== undefined) return;
  if (options.metrics.port === undefined)
    add(
      'METRICS_PORT',
      'unset, and no EMD_CDS_ADMIN_TOKEN: /metrics would be served on the service port to anyone (set METRICS_PORT for a listener of its own on 127.0.0.1, or EMD_CDS_ADMIN_TOKEN to require it)',
    );
  else
    add(
      'METRICS_HOST',
      `${options.metrics.host} is not loopback, and no EMD_CDS_ADMIN_TOKEN: /metrics would be open to the network (bind it to 127.0.0.1, or set EMD_CDS_ADMIN_TOKEN to require it)`,
    );
}

function checkIssuer(
  add: (setting: string, problem: string) => void,
  setting: string,
  issuer: TrustedIssuer,
) {
  for (const url of [...issuer.jku, ...(issuer.jwksUrl ? [issuer.jwksUrl] : [])])
    checkKeyUrl(add, setting, `issuer ${issuer.iss}`, url);
  for (const key of issuer.jwks?.keys ?? []) checkStaticKey(add, setting, issuer.iss, key);
}

/** The public key members of an EC or RSA JWK, each base64url (RFC 7518 §6.2.1, §6.3.1). */
const PUBLIC_KEY_MEMBERS = ['x', 'y', 'n', 'e'] as const;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A static key whose members are not base64url is no key: a copy of docs/security.md §4.2's
 * example, `"x": "<base64url x coordinate>"`, passes the issuers file's schema, and every
 * token of that EHR would then be refused (401) where the start should have said so.
 */
function checkStaticKey(
  add: (setting: string, problem: string) => void,
  setting: string,
  iss: string,
  key: Record<string, unknown>,
) {
  const bad = PUBLIC_KEY_MEMBERS.filter(
    (member) => typeof key[member] === 'string' && !BASE64URL.test(key[member]),
  );
  if (bad.length === 0) return;
  const kid = typeof key.kid === 'string' ? ` ${key.kid}` : '';
  const values = bad.map((member) => `${member} ${JSON.stringify(key[member])}`).join(', ');
  add(
    setting,
    `issuer ${iss}: static key${kid} has ${values}, not base64url: a placeholder such as docs/security.md's example, not the EHR's public key (paste the JWK the EHR gave out of band)`,
  );
}

function checkKeyUrl(
  add: (setting: string, problem: string) => void,
  setting: string,
  whose: string,
  url: string,
) {
  if (!isSafeKeyUrl(url))
    add(
      setting,
      `${whose}: key URL ${url} is plain http to a host that is not loopback, so its keys could be swapped on the way (use https)`,
    );
}

/**
 * An allowlisted FHIR server the service would never call: every hook call that needs its
 * data gets 412, and without this the integrator learns why only from each 412's text.
 */
function checkFhirServer(add: (setting: string, problem: string) => void, server: string) {
  // An http(s) URL: the config file's schema and FHIR_SERVERS's check each entry.
  if (!isHttpsOrLoopback(new URL(server)))
    add(
      'FHIR_SERVERS',
      `${server} (fhir.allowedServers) is not https, and its host is not loopback: every read from it is refused, so a call whose prefetch lacks required data is answered 412 (use https)`,
    );
}

function isSandboxOrigin(origin: string): boolean {
  try {
    return new URL(origin).hostname.toLowerCase() === SANDBOX_HOST;
  } catch {
    return false;
  }
}
