/** `emd-cds token`: a token from the local test issuer, for trying the service with curl. */
import { parseArgs } from 'node:util';
import { ensureLocalIssuerKeys, mintLocalToken } from '../../auth/local-issuer.js';
import { ConfigError } from '../../config/config-error.js';
import type { Config } from '../../config/config-schema.js';
import { serviceOptions } from '../../config/environment.js';
import { buildSettings } from '../../config/load-settings.js';
import { loadConfig } from '../config-option.js';
import { UsageError, type CliCommand } from '../usage.js';
import { USAGES } from '../usages.js';

export const tokenCommand: CliCommand = {
  usage: USAGES.token,
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
    const { config, serviceIds } = acceptedConfig(values.config);
    const options = serviceOptions(config, process.env);
    // A token for a service id the service does not have is refused there as a 404 after
    // the curl: say so here, with the ids it has (a typo such as emd-patient-veiw).
    if (values.service !== undefined && !serviceIds.includes(values.service))
      throw new UsageError(
        `no service ${JSON.stringify(values.service)}: --service takes one of ${serviceIds.join(', ')}`,
      );
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

/**
 * The configuration the token's audience and key come from, checked as the service checks it
 * (as `emd-cds validate` does). The token needs only `service.publicBaseUrl` and the `auth:`
 * settings, but an invalid file is refused whole: not read in part, and not replaced by the
 * defaults. Minting with a warning was the other choice, and it is not safe: the service
 * refuses such a file at start and on reload (a running service keeps the configuration it
 * had), so no setting read from it is one the service uses; and the defaults trust the local
 * issuer and name http://localhost:3000, so they would mint tokens for a site whose file says
 * `auth.localIssuer: false`. Refused, the user gets the lines to fix (docs/configuring.md §1).
 */
function acceptedConfig(option: string | undefined): { config: Config; serviceIds: string[] } {
  try {
    const { config, file } = loadConfig(option);
    const settings = buildSettings(config, { file });
    return { config, serviceIds: settings.services.map((service) => service.id) };
  } catch (error) {
    throw explained(error, option);
  }
}

/** A refused configuration, said once, with how to check it; other errors as they are. */
function explained(error: unknown, option: string | undefined): unknown {
  const file = option ?? process.env.EMD_CDS_CONFIG;
  if (!(error instanceof ConfigError) || !file) return error;
  const from = option === undefined ? ' (named by EMD_CDS_CONFIG)' : '';
  return new ConfigError(
    `no token minted: the config file ${file}${from} is invalid, and the service refuses an invalid file at start and on reload, so the issuer and key settings in it may not be the ones the service uses. Check it with \`emd-cds validate ${file}\` (\`npm run -s cli -- validate ${file}\` in the repository), fix what it reports, and run token again. The problems:\n${error.message}`,
    { cause: error },
  );
}
