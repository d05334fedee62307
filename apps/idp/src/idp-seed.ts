import { readFileSync } from 'node:fs';
import { Actor, parseActor, Role } from '#domain';

/** A demo person who signs in at the development provider's page. */
export interface SeedUser extends Actor {
  readonly name: string;
}

/** An agency's system: a confidential client that gets tokens with the client-credentials grant. */
export interface SeedSystemClient {
  readonly clientId: string;
  readonly secret: string;
  readonly actor: Actor;
}

export interface IdpSeed {
  readonly password: string;
  readonly users: readonly SeedUser[];
  readonly consoleClient: {
    readonly clientId: string;
    readonly redirectUris: readonly string[];
    readonly postLogoutRedirectUris: readonly string[];
  };
  readonly systemClients: readonly SeedSystemClient[];
}

interface RawSeed {
  password?: unknown;
  users?: { userId: unknown; name?: unknown; agency: unknown; role: unknown; region?: unknown }[];
  consoleClient?: { clientId?: unknown; redirectUris?: unknown; postLogoutRedirectUris?: unknown };
  systemClients?: { clientId?: unknown; secret?: unknown; agency?: unknown; region?: unknown }[];
}

/**
 * Reads the seed file (deploy/idp/seed.json by default). Agencies, roles and regions are checked by the
 * domain's own parser, the one the api applies to every token: a seed the api would refuse stops the
 * provider at start-up instead of handing out tokens that fail later.
 */
export function loadSeed(file: string): IdpSeed {
  let raw: RawSeed;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as RawSeed;
  } catch (error) {
    throw new Error(
      `Cannot read the identity provider's seed IDP_SEED_FILE=${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const fail = (what: string): never => {
    throw new Error(`The seed ${file} is not acceptable: ${what}`);
  };
  const text = (value: unknown, what: string): string =>
    typeof value === 'string' && value.trim() !== '' ? value : fail(`${what} must be a non-empty string`);
  const actor = (claims: Parameters<typeof parseActor>[0], what: string): Actor => {
    const parsed = parseActor(claims);
    return parsed.ok ? parsed.value : fail(`${what}: ${parsed.error.message}`);
  };
  const urls = (value: unknown, what: string): string[] =>
    Array.isArray(value) && value.every((url) => typeof url === 'string' && URL.canParse(url))
      ? (value as string[])
      : fail(`${what} must be a list of URLs`);

  const users = (raw.users ?? []).map((user, index) => ({
    ...actor(user, `user ${index + 1}`),
    name: text(user.name ?? user.userId, `the name of user ${index + 1}`),
  }));
  const systemClients = (raw.systemClients ?? []).map((client, index) => {
    const clientId = text(client.clientId, `the clientId of system client ${index + 1}`);
    return {
      clientId,
      secret: text(client.secret, `the secret of ${clientId}`),
      actor: actor(
        { userId: clientId, agency: client.agency, role: Role.AGENCY_SYSTEM, region: client.region },
        clientId,
      ),
    };
  });
  const console = raw.consoleClient ?? fail('consoleClient is missing');
  return {
    password: text(raw.password, 'password'),
    users,
    consoleClient: {
      clientId: text(console.clientId, 'consoleClient.clientId'),
      redirectUris: urls(console.redirectUris, 'consoleClient.redirectUris'),
      postLogoutRedirectUris: urls(
        console.postLogoutRedirectUris ?? [],
        'consoleClient.postLogoutRedirectUris',
      ),
    },
    systemClients,
  };
}
