import { parseArgs } from 'node:util';
import { loadConfig } from '#platform';
import { DevTokenIssuer } from './dev-token-issuer.js';

/**
 * `npm run token -- --agency NLA --role INSPECTOR [--user u] [--region VR17] [--ttl 8h]`: a dev token on stdout.
 * `npm run token -- --init` only creates the dev key pair (if missing) that the api trusts.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      region: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      init: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const issuer = await DevTokenIssuer.open(config.jwt.jwksFile);
  if (values.init) return;
  if (!values.agency || !values.role) {
    throw new Error(
      'Name the agency and role, e.g. npm run token -- --agency NLA --role INSPECTOR [--region VR17]',
    );
  }
  const token = await issuer.sign(
    {
      userId: values.user ?? `${values.role.toLowerCase()}@${values.agency.toLowerCase()}`,
      agency: values.agency,
      role: values.role,
      region: values.region,
    },
    { issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: values.ttl },
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
