import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '#platform';
import { DevTokenIssuer } from '../../apps/api/src/auth/dev-token-issuer.js';
import { loadDemo, REPO_ROOT } from './demo-loader.js';

/** `npm run demo`: loads the demo scenario into the running api and writes a token per demo user. */
async function main(): Promise<void> {
  const config = loadConfig();
  const issuer = await DevTokenIssuer.open(config.jwt.jwksFile);
  const result = await loadDemo(
    `http://127.0.0.1:${config.apiPort}`,
    issuer,
    { issuer: config.jwt.issuer, audience: config.jwt.audience },
    (done, total) => process.stdout.isTTY && process.stdout.write(`\r[demo] ${done}/${total} steps`),
  );
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(`[demo] ${result.steps} steps loaded (${result.appended} new events)`);

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

main().catch((error: unknown) => {
  console.error(`[demo] ${(error as Error).message}`);
  process.exit(1);
});
