import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '#platform';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { DevTokenIssuer } from '../../apps/api/src/auth/dev-token-issuer.js';

const JWKS_FILE = '.run/bench-keys/jwks.json';
const ISSUER = 'keten-bench';

export interface BenchApi {
  /** The api's base URL, e.g. http://127.0.0.1:40123 (GraphQL at /graphql). */
  readonly url: string;
  /** A real token of a user of the agency, signed with the bench's own keys. */
  token(agency: string, role?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real api in-process on a free port, for benchmarks: configured through the environment like
 * production, with tokens of its own key and a rate limit out of the way (one agency hammers it at hundreds
 * of requests a second: the path is measured, not the limit). On a free port, or on `env.API_PORT`.
 */
export async function startBenchApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApi> {
  const settings: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    JWT_JWKS_FILE: JWKS_FILE,
    JWT_ISSUER: ISSUER,
    RATE_LIMIT_PER_AGENCY: '100000000',
    ...env,
  };
  // Put back as they were when the api closes: the next part's api must not inherit, say, the console
  // part's OIDC_ISSUER_URL (an identity provider stopped by then).
  const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  const issuer = await DevTokenIssuer.open(JWKS_FILE);
  const app: INestApplication = await NestFactory.create(ApiModule, { logger: ['error'], bufferLogs: true });
  configureApp(app);
  await app.listen(Number(env.API_PORT ?? 0), '127.0.0.1');
  return {
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    token: (agency, role = 'INSPECTOR') =>
      issuer.sign(
        { userId: `bench@${agency.toLowerCase()}`, agency, role },
        { issuer: ISSUER, audience: 'keten' },
      ),
    close: async () => {
      await app.close();
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

/** The input of a plain openActivation the benchmarks send: NLA opens a preventive activation in VR17. */
export function openActivationInput(activationId: string) {
  return {
    activationId,
    kind: 'PREVENTIVE',
    title: 'Bench activation',
    trigger: 'OWN_OBSERVATION',
    themes: ['WORK'],
    region: 'VR17',
    municipality: 'GM0599',
    leadAgency: 'NLA',
  };
}
