/**
 * Which FHIR servers the service may call (only those configuration allows; https except
 * on loopback) and, for an allowed one, the runner that queries it. The security
 * decision is made here, once, before any request leaves the service.
 */
import { withoutTrailingSlashes } from '../rules/text-end.js';
import type { FhirAccess, FhirQueryRunner } from './fhir-query.js';
import { isHttpsOrLoopback } from './loopback-host.js';
import { normalisedUri } from '../rules/uri-equivalence.js';

/** The part of a hook request (CDS Hooks 2.0 §HTTP Request) that says where and how to read FHIR. */
export interface FhirServerOfCall {
  fhirServer?: string | undefined;
  fhirAuthorization?: { access_token: string } | undefined;
}

export interface FhirAccessPolicy {
  /** Base URLs the service may call, compared as `sameServer` reads them. Empty: none. */
  allowedServers: readonly string[];
  /** Builds the runner for one hook call; absent while fetching is not available. */
  runnerFor?: (fhirServer: string, accessToken: string | undefined) => FhirQueryRunner;
}

/**
 * A base URL as the allowlist compares it: without a trailing slash, and as RFC 3986 §6.2.2–6.2.3
 * reads a URI (../rules/uri-equivalence.ts: scheme and host in any case, a default port written or
 * not, percent-encodings), so `https://EHR.example:443/fhir/` is `https://ehr.example/fhir`. The
 * path's case counts, a user name or password is part of the URI, and another name for the
 * same host is another server.
 */
const sameServer = (base: string): string => {
  const bare = withoutTrailingSlashes(base);
  return normalisedUri(bare) ?? bare;
};

export function fhirAccessFor(policy: FhirAccessPolicy): (request: FhirServerOfCall) => FhirAccess {
  const allowed = new Set(policy.allowedServers.map(sameServer));
  return (request) => {
    if (!request.fhirServer) return { unusableBecause: 'the request has no fhirServer' };
    // The request schema takes http(s) URLs only.
    if (!isHttpsOrLoopback(new URL(request.fhirServer))) {
      return {
        unusableBecause: 'its fhirServer is not https (plain http is allowed on loopback only)',
      };
    }
    if (!allowed.has(sameServer(request.fhirServer))) {
      // The URL itself is not echoed: a 412 goes back to the client and into logs, and a
      // fhirServer may carry identifiers (docs/security.md). The client knows what it sent.
      return {
        unusableBecause:
          'its fhirServer is not one this service is configured to call: allow it in FHIR_SERVERS (fhir.allowedServers in the config file), as scheme://host:port/path, compared as RFC 3986 reads URIs (scheme and host in any case, a default port or not, no trailing slash; the case of the path counts; localhost and 127.0.0.1 differ)',
      };
    }
    if (!policy.runnerFor)
      return { unusableBecause: 'reading from a fhirServer is not enabled in this build' };
    return {
      runner: policy.runnerFor(request.fhirServer, request.fhirAuthorization?.access_token),
    };
  };
}
