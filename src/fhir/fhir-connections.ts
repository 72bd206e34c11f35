/**
 * Connections to the allowed FHIR servers, kept alive and reused across hook calls: one
 * undici Agent per server (fhir-kit-client calls the global `fetch`, which takes a
 * `dispatcher`; the `agent` it builds itself is ignored by fetch). The first read after a
 * start then does not pay for TCP and TLS set-up inside the call's time budget, and later
 * handshakes resume the cached TLS session. An agent holds sockets only, never a token: each
 * hook call still gets its own client with its own access token (CDS Hooks 2.0
 * §fhirAuthorization: the token is transient).
 */
import { Agent, request, type Dispatcher } from 'undici';
import { withoutTrailingSlashes } from '../rules/text-end.js';
import { connectTrusting } from './extra-cas.js';

export interface FhirConnectionOptions {
  /** How long an idle connection stays open for the next hook call. */
  keepAliveMs: number;
  /**
   * PEM texts of CAs to trust for FHIR servers, besides the system's (e.g. a hospital CA or
   * a test server's self-signed certificate), as for key URLs: ./extra-cas.ts `readExtraCas`.
   */
  extraCas: readonly string[];
}

export interface FhirConnections {
  /** The pooled dispatcher for a FHIR base URL (one per origin). */
  dispatcherFor(fhirServer: string): Dispatcher;
  close(): Promise<void>;
}

/** The longest idle time a server's keep-alive hint may not shorten (undici's default is 4 s). */
const MAX_KEEP_ALIVE_MS = 10 * 60_000;

export function fhirConnectionPool(options: FhirConnectionOptions): FhirConnections {
  const agents = new Map<string, Agent>();
  return {
    dispatcherFor(fhirServer) {
      const origin = new URL(fhirServer).origin;
      let agent = agents.get(origin);
      if (!agent) {
        agent = new Agent({
          keepAliveTimeout: options.keepAliveMs,
          keepAliveMaxTimeout: Math.max(options.keepAliveMs, MAX_KEEP_ALIVE_MS),
          connect: connectTrusting(options.extraCas),
        });
        agents.set(origin, agent);
      }
      return agent;
    },
    async close() {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}

/**
 * Reads each server's CapabilityStatement (`/metadata`, public per SMART App Launch) once,
 * so the first hook call finds a connection open. Never fatal: a server that is down now
 * may be up by the first call; the outcome of each is returned for the log.
 */
export async function warmUp(
  servers: readonly string[],
  connections: FhirConnections,
  timeoutMs: number,
): Promise<{ server: string; ok: boolean; outcome: string }[]> {
  return Promise.all(
    servers.map(async (server) => {
      const started = performance.now();
      try {
        const response = await request(`${withoutTrailingSlashes(server)}/metadata`, {
          headers: { accept: 'application/fhir+json' },
          signal: AbortSignal.timeout(timeoutMs),
          dispatcher: connections.dispatcherFor(server),
        });
        await response.body.dump();
        const ms = Math.round(performance.now() - started);
        return {
          server,
          ok: response.statusCode < 400,
          outcome: `HTTP ${String(response.statusCode)} in ${String(ms)} ms`,
        };
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        return {
          server,
          ok: false,
          outcome:
            name === 'TimeoutError'
              ? `no answer within ${String(timeoutMs)} ms`
              : `not reachable (${networkCode(error)})`,
        };
      }
    }),
  );
}

/** The system error code (ENOTFOUND, ECONNREFUSED, a TLS code …), never the message. */
function networkCode(error: unknown): string {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === 'string' ? code : cause?.code;
  return typeof found === 'string' ? found : 'network error';
}
