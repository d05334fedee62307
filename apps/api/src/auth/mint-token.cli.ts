import { parseArgs } from 'node:util';
import { parseActor } from '#domain';
import { loadConfig } from '#platform';
import { OidcBrowserClient } from '../../../idp/src/dev-idp.client.js';
import { loadSeed } from '../../../idp/src/idp-seed.js';
import { DevTokenIssuer } from './dev-token-issuer.js';

const USAGE = `npm run -s token -- --agency NLA --role INSPECTOR [--user u] [--region VR17] [--ttl 8h]
    signs a token with the development key (JWT_JWKS_FILE) that tests and scripts use
npm run -s token -- --idp --user inspecteur@nla [--password …]
    signs the demo user in at the development identity provider (code flow with PKCE) and prints its access token
npm run -s token -- --idp --client nla-system [--secret …]
    a system's token from the development identity provider (client credentials)
npm run -s token -- --init
    only creates the development key pair, if missing`;

/** The development provider's seed: the demo password and the system clients' secrets (public, dev only). */
const seed = () => loadSeed(process.env.IDP_SEED_FILE || 'deploy/idp/seed.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      region: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      init: { type: 'boolean', default: false },
      idp: { type: 'boolean', default: false },
      client: { type: 'string' },
      secret: { type: 'string' },
      password: { type: 'string' },
      issuer: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const config = loadConfig();
  if (values.idp) {
    const issuer =
      values.issuer ?? config.jwt.oidc?.issuerUrl ?? `http://127.0.0.1:${process.env.IDP_PORT ?? 3003}`;
    const client = new OidcBrowserClient(issuer);
    if (values.client) {
      const secret = values.secret ?? seed().systemClients.find((c) => c.clientId === values.client)?.secret;
      if (!secret)
        throw new Error(
          `No secret for client ${values.client}: pass --secret, or name a client of the seed.`,
        );
      return console.log((await client.clientCredentials(values.client, secret)).access_token);
    }
    if (!values.user) throw new Error(`Name the demo user or the system client.\n${USAGE}`);
    return console.log((await client.signIn(values.user, values.password ?? seed().password)).access_token);
  }
  const issuer = await DevTokenIssuer.open(config.jwt.jwksFile);
  if (values.init) return;
  if (!values.agency || !values.role) throw new Error(`Name the agency and role.\n${USAGE}`);
  const userId = values.user ?? `${values.role.toLowerCase()}@${values.agency.toLowerCase()}`;
  // The same rule as the api applies to every token: a misspelt role or an unknown agency is refused here.
  const actor = parseActor({ userId, agency: values.agency, role: values.role, region: values.region });
  if (!actor.ok) throw new Error(`No token: ${actor.error.message}`);
  const token = await issuer.sign(
    { userId, agency: actor.value.agency, role: actor.value.role, region: actor.value.region },
    { issuer: config.jwt.issuer, audience: config.jwt.audience, expiresIn: values.ttl },
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
