/**
 * PUBLIC_BASE_URL (service.publicBaseUrl) at start: every JWT `aud` is built on it
 * (docs/security.md §6), so a URL no EHR calls fails every call closed (`wrong-audience`, H18):
 * safe, but not one card is shown, and the start said nothing. Part of ./deployment-checks.ts.
 */
import { isHttpsOrLoopback, isLoopbackHost } from '../fhir/loopback-host.js';
import type { ServiceOptions } from './environment.js';

type Add = (setting: string, problem: string) => void;

const SETTING = 'PUBLIC_BASE_URL';

/**
 * Names reserved so that they never name a real host: RFC 2606 §2 and RFC 6761 §6.2–6.5 (the
 * top-level domains), RFC 2606 §3 (the second-level ones). `localhost` itself is apart: it is
 * this machine, which a caller beside the service may legitimately sign for (see
 * `publicBaseUrlWarnings`); a name under `.localhost` is a developer's, never a hospital's.
 */
const RESERVED_TOP_LEVEL = ['example', 'test', 'invalid', 'localhost'];
const RESERVED_SECOND_LEVEL = ['example.com', 'example.net', 'example.org'];

/** The reserved name `hostname` falls under (`.example`, `example.org`), if any. */
export function reservedNameOf(hostname: string): string | undefined {
  // A fully qualified name may end in a dot (`cds.hospital.example.`); WHATWG URLs keep it.
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  const top = labels.at(-1) ?? '';
  if (RESERVED_TOP_LEVEL.includes(top) && host !== 'localhost') return `.${top}`;
  return RESERVED_SECOND_LEVEL.find((name) => host === name || host.endsWith(`.${name}`));
}

/**
 * Refused in production: unset (the default http://localhost:<port>), a name reserved for
 * examples (the docs' own https://cds.hospital.example, copied with the example config), and
 * plain http off loopback (the EHR's tokens and access tokens in cleartext).
 */
export function checkPublicBaseUrl(add: Add, options: ServiceOptions): void {
  const url = options.publicBaseUrl;
  if (options.isPublicBaseUrlDefault) {
    add(
      SETTING,
      `unset, and no service.publicBaseUrl: the service takes ${url} for its URL, so every token an EHR signs for the URL it calls is refused (wrong-audience) (set it to the https URL the EHR calls, the name the TLS-terminating proxy answers on, docs/security.md section 6)`,
    );
    return;
  }
  const parsed = new URL(url);
  const reserved = reservedNameOf(parsed.hostname);
  if (reserved !== undefined)
    add(
      SETTING,
      `${url} (service.publicBaseUrl) is under ${reserved}, a name reserved for examples and tests (RFC 2606, RFC 6761) that no EHR calls: every token an EHR signs for the URL it calls is refused (wrong-audience) (set it to the https URL the EHR calls, the name the TLS-terminating proxy answers on, docs/security.md section 6)`,
    );
  else if (!isHttpsOrLoopback(parsed))
    add(
      SETTING,
      `${url} (service.publicBaseUrl) is plain http to a host that is not loopback: the EHR's tokens and fhirAuthorization access tokens would cross the network in cleartext (use the https URL of the TLS-terminating proxy, docs/security.md section 6)`,
    );
}

/**
 * Said at a production start, not refused: a loopback URL (localhost, 127.0.0.0/8, ::1). An
 * EHR on another machine signs for the URL it calls, never this one, so each of its calls is
 * refused; but a caller on this machine or in this pod (an integration engine or sidecar that
 * signs its own tokens for the address it calls) is served rightly, and refusing would leave
 * such a site no way to start. A proxy that only forwards the EHR's calls forwards its tokens
 * too, signed for the public URL: it needs that URL here, not its own loopback address.
 */
export function publicBaseUrlWarnings(add: Add, options: ServiceOptions): void {
  if (!options.production || options.isPublicBaseUrlDefault) return;
  const url = options.publicBaseUrl;
  if (!isLoopbackHost(new URL(url).hostname)) return;
  add(
    SETTING,
    `${url} (service.publicBaseUrl) is loopback: only a caller on this machine signs tokens for it, so every call of an EHR elsewhere, whose tokens name the URL it calls, is refused (wrong-audience); not refused, for a caller beside the service that signs for this address, but set the URL the EHR calls unless such a caller is the only one (a proxy that forwards the EHR's calls forwards tokens signed for the public URL; docs/security.md section 6)`,
  );
}
