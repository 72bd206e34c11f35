#!/usr/bin/env node
/**
 * The `emd-cds` command line. `token` mints a JWT from the local test issuer, so curl and
 * local tools can call the service with authentication on:
 *
 *   emd-cds token --service emd-patient-view     # aud = <PUBLIC_BASE_URL>/cds-services/emd-patient-view
 *   emd-cds token --discovery                    # aud = <PUBLIC_BASE_URL>/cds-services
 *   emd-cds token --aud <url> [--ttl 300]
 *
 * Each token is good for one call: the service refuses a replayed `jti`.
 */
import { parseArgs } from 'node:util';
import { ensureLocalIssuerKeys, mintLocalToken } from '../auth/local-issuer.js';
import { optionsFromEnvironment } from '../config/environment.js';

const USAGE = `usage: emd-cds token (--service <id> | --discovery | --aud <url>) [--feedback] [--ttl <seconds>]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'token') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      service: { type: 'string' },
      discovery: { type: 'boolean', default: false },
      feedback: { type: 'boolean', default: false },
      aud: { type: 'string' },
      ttl: { type: 'string', default: '300' },
    },
  });
  const options = optionsFromEnvironment(process.env);
  const base = `${options.publicBaseUrl}/cds-services`;
  const audience =
    values.aud ??
    (values.discovery
      ? base
      : values.service
        ? `${base}/${values.service}${values.feedback ? '/feedback' : ''}`
        : undefined);
  const ttl = Number(values.ttl);
  if (!audience || !Number.isInteger(ttl) || ttl <= 0) {
    console.error(USAGE);
    return 2;
  }
  if (!options.auth.localIssuer.enabled) {
    console.error(
      'the local test issuer is off (AUTH_LOCAL_ISSUER=off): the service would refuse its tokens',
    );
    return 1;
  }
  const keys = await ensureLocalIssuerKeys(options.auth.localIssuer.keyDir);
  console.log(await mintLocalToken(keys, audience, ttl));
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
