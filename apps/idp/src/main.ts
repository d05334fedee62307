import { DevIdp, log } from './dev-idp.js';
import { loadSeed } from './idp-seed.js';
import { idpSettings } from './idp-settings.js';
import { SigningKeys } from './signing-keys.js';

/** `node dist/apps/idp/src/main.js`: the development identity provider (started by `npm start` and the tests). */
async function main(): Promise<void> {
  const settings = idpSettings();
  const seed = loadSeed(settings.seedFile);
  const idp = new DevIdp(settings, seed, await SigningKeys.open(settings.keysFile));
  const server = idp.server();
  server.listen(settings.port, '127.0.0.1', () => {
    log('info', 'development identity provider listening', {
      issuer: settings.issuer,
      users: seed.users.length,
      systems: seed.systemClients.length,
    });
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
