import { DevIdpSettings } from './dev-idp.js';

export interface IdpProcessSettings extends DevIdpSettings {
  readonly port: number;
  readonly seedFile: string;
  readonly keysFile: string;
}

/**
 * The development provider's configuration, from the environment (README, "Configuration"). It refuses
 * to run in production: its users, passwords and client secrets are public in the repository.
 */
export function idpSettings(env: NodeJS.ProcessEnv = process.env): IdpProcessSettings {
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'The development identity provider does not run with NODE_ENV=production: its users and secrets are public. ' +
        "Point the api at your organisation's provider (OIDC_ISSUER_URL) instead.",
    );
  }
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max)
      throw new Error(`${name} must be a whole number between ${min} and ${max} (got '${text}')`);
    return value;
  };
  const port = whole('IDP_PORT', 3003, 1, 65535);
  const issuer = env.IDP_ISSUER || `http://127.0.0.1:${port}`;
  if (!URL.canParse(issuer))
    throw new Error(`IDP_ISSUER must be a URL, e.g. http://127.0.0.1:${port} (got '${issuer}')`);
  const apiPort = whole('API_PORT', 3000, 1, 65535);
  const backchannel = env.IDP_BACKCHANNEL_LOGOUT_URI ?? `http://127.0.0.1:${apiPort}/auth/backchannel-logout`;
  if (backchannel !== '' && !URL.canParse(backchannel))
    throw new Error(`IDP_BACKCHANNEL_LOGOUT_URI must be a URL or empty (got '${backchannel}')`);
  return {
    port,
    issuer: issuer.replace(/\/$/, ''),
    seedFile: env.IDP_SEED_FILE || 'deploy/idp/seed.json',
    keysFile: env.IDP_KEYS_FILE || '.run/idp/signing-keys.json',
    resource: env.IDP_RESOURCE || 'urn:keten:api',
    audience: env.JWT_AUDIENCE || 'keten',
    accessTokenTtlSeconds: whole('IDP_ACCESS_TOKEN_TTL_SECONDS', 300, 5, 86_400),
    backchannelLogoutUri: backchannel || undefined,
    // The api serves the console (apps/console) at `/`: it signs in from there.
    consoleOrigins: [`http://127.0.0.1:${apiPort}`, `http://localhost:${apiPort}`],
  };
}
