import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '#platform';
import { DevTokenIssuer } from '../../apps/api/src/auth/dev-token-issuer.js';
import { OidcBrowserClient } from '../../apps/idp/src/dev-idp.client.js';
import { loadSeed } from '../../apps/idp/src/idp-seed.js';
import { DemoTokenSource, loadDemo, REPO_ROOT, signedWith } from './demo-loader.js';

/**
 * `npm run demo`: loads the demo scenario into the running api as the demo users. With OIDC_ISSUER_URL (as
 * `npm start` runs it) each user signs in at the development identity provider; otherwise their tokens are
 * signed with the development key, and written to .run/demo-tokens.env.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const oidc = config.jwt.oidc;
  const tokenOf: DemoTokenSource = oidc
    ? async (user) =>
        (await new OidcBrowserClient(oidc.issuerUrl).signIn(user.userId, seedPassword())).access_token
    : signedWith(await DevTokenIssuer.open(config.jwt.jwksFile), {
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
      });
  const result = await loadDemo(
    `http://127.0.0.1:${config.apiPort}`,
    tokenOf,
    (done, total) => process.stdout.isTTY && process.stdout.write(`\r[demo] ${done}/${total} steps`),
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`[demo] ${result.steps} steps loaded (${result.appended} new events)`);
  if (oidc) return;

  const tokenFile = join(REPO_ROOT, '.run/demo-tokens.env');
  mkdirSync(dirname(tokenFile), { recursive: true });
  const lines = result.tokens.map(({ user, token }) => `KETEN_TOKEN_${user.agency}_${user.role}=${token}`);
  writeFileSync(tokenFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`[demo] tokens of the demo users (valid 8 hours) are in ${tokenFile}:`);
  for (const { user } of result.tokens) {
    const name = `  KETEN_TOKEN_${user.agency}_${user.role}`;
    console.log(`${name.padEnd(40)}${user.userId}${user.region ? ` (${user.region})` : ''}`);
  }
}

/** The demo users' password, from the provider's seed (IDP_SEED_FILE). */
const seedPassword = () => loadSeed(process.env.IDP_SEED_FILE || 'deploy/idp/seed.json').password;

main().catch((error: unknown) => {
  console.error(`[demo] ${(error as Error).message}`);
  process.exit(1);
});
