import { ApiErrorCode } from '../../../apps/api/src/errors/api-error.js';

/** Text that breaks SQL, LIKE patterns, dollar quoting or escaping if anything builds SQL by hand. */
export const INJECTIONS = [
  "'); DROP TABLE events; --",
  "' OR '1'='1",
  '" OR ""="',
  '$$; DELETE FROM events; $$',
  '$1 $2 ::text',
  '\\',
  '\\\\\'\\"',
  '%_%',
  "Robert'); DROP TABLE rm_activations;--",
  '/* */ UNION SELECT * FROM access_log --',
  '{"$ne": null}',
  "Zoë d'Ancona — 東京 🚧 ‮ مرحبا",
];

export interface RawResponse {
  status: number;
  /** The parsed body; undefined when it was not JSON. */
  body?: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  text: string;
}

/** A GraphQL POST as a hostile client makes it, keeping the raw text so nothing in it goes unseen. */
export async function rawGraphql(
  url: string,
  query: string,
  variables: unknown,
  token: string,
  /** More request headers, e.g. a hostile x-purpose. */
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: RawResponse['body'];
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** The codes of ApiErrorCode: everything else is a fault. */
const KNOWN: ReadonlySet<string> = new Set<string>(Object.values(ApiErrorCode));
const STACK_FRAME = /\bat .+[/\\].+\.[cm]?[jt]s:\d+/;

/**
 * What is wrong with the answer as a typed error response: a body that is not GraphQL JSON, an error
 * without a code keten documents (INTERNAL_SERVER_ERROR is a fault, not an answer), or a stack trace.
 */
export function unclassified(response: RawResponse, known: ReadonlySet<string> = KNOWN): string[] {
  if (!response.body) return [`not JSON (HTTP ${response.status}): ${response.text.slice(0, 200)}`];
  const problems = (response.body.errors ?? [])
    .filter((error) => !known.has(String(error.extensions?.code)))
    .map((error) => `${String(error.extensions?.code)}: ${error.message}`);
  if (STACK_FRAME.test(response.text) || response.text.includes('stacktrace')) {
    problems.push(`stack trace in: ${response.text.slice(0, 300)}`);
  }
  return problems;
}

/**
 * Strings a hostile client sends where an id, a code or a cursor belongs: empty and blank, NUL and other
 * control characters, lone surrogates, direction overrides, sizes far past any limit, and the injections.
 */
export const HOSTILE_STRINGS = [
  '',
  '   ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\nX-Injected: 1',
  '\ud800',
  '\udfff x',
  '\u202e\u200b',
  'x'.repeat(10_001),
  'y'.repeat(60_000),
  '😀'.repeat(5_001),
  '__proto__',
  'constructor',
  'null',
  'undefined',
  ...INJECTIONS,
];
