/** `emd-cds token`: a token from the local test issuer, for trying the service with curl. */
import { parseArgs } from 'node:util';
import { ensureLocalIssuerKeys, mintLocalToken } from '../../auth/local-issuer.js';
import { serviceOptions } from '../../config/environment.js';
import { loadConfig } from '../config-option.js';
import { UsageError, type CliCommand } from '../usage.js';

export const tokenCommand: CliCommand = {
  usage:
    'emd-cds token (--service <id> [--feedback] | --discovery | --aud <url>) [--ttl <seconds>] [--config <config.yaml>]',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        service: { type: 'string' },
        discovery: { type: 'boolean', default: false },
        feedback: { type: 'boolean', default: false },
        aud: { type: 'string' },
        ttl: { type: 'string', default: '300' },
      },
    });
    const options = serviceOptions(loadConfig(values.config).config, process.env);
    const base = `${options.publicBaseUrl}/cds-services`;
    const audience =
      values.aud ??
      (values.discovery
        ? base
        : values.service
          ? `${base}/${values.service}${values.feedback ? '/feedback' : ''}`
          : undefined);
    const ttl = Number(values.ttl);
    if (!audience || !Number.isInteger(ttl) || ttl <= 0)
      throw new UsageError(
        'token needs --service <id>, --discovery or --aud <url>, and a positive --ttl',
      );
    if (!options.auth.localIssuer.enabled)
      throw new Error(
        'the local test issuer is off (AUTH_LOCAL_ISSUER=off): the service would refuse its tokens',
      );
    console.log(
      await mintLocalToken(
        await ensureLocalIssuerKeys(options.auth.localIssuer.keyDir),
        audience,
        ttl,
      ),
    );
    return 0;
  },
};
