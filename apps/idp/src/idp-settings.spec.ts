import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeed } from './idp-seed.js';
import { idpSettings } from './idp-settings.js';

describe('the development identity provider', () => {
  it('refuses to run in production', () => {
    expect(() => idpSettings({ NODE_ENV: 'production' })).toThrow(/does not run with NODE_ENV=production/);
  });

  it('defaults to port 3003, the issuer on it, back-channel logout to the api and the console it serves', () => {
    expect(idpSettings({ NODE_ENV: 'development', API_PORT: '3100' })).toMatchObject({
      port: 3003,
      issuer: 'http://127.0.0.1:3003',
      audience: 'keten',
      accessTokenTtlSeconds: 300,
      backchannelLogoutUri: 'http://127.0.0.1:3100/auth/backchannel-logout',
      consoleOrigins: ['http://127.0.0.1:3100', 'http://localhost:3100'],
    });
    expect(() => idpSettings({ IDP_PORT: '70000' })).toThrow(/IDP_PORT must be a whole number/);
  });

  it('reads the seed of the README, whose users and systems the api would accept', () => {
    const seed = loadSeed('deploy/idp/seed.json');
    expect(seed.users.map((user) => user.userId)).toContain('coordinator@vr17');
    expect(seed.systemClients.find((client) => client.clientId === 'nla-system')?.actor).toMatchObject({
      agency: 'NLA',
      role: 'AGENCY_SYSTEM',
    });
  });

  it("refuses a seed with a user the api would refuse, with the domain's sentence", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seed-')), 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        password: 'x',
        users: [{ userId: 'u', agency: 'NLA', role: 'INSPCTOR' }],
        consoleClient: { clientId: 'c', redirectUris: ['http://127.0.0.1/cb'] },
      }),
    );
    expect(() => loadSeed(file)).toThrow(/user 1: "INSPCTOR" is not a role/);
  });
});
