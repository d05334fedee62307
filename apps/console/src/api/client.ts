import { createClient as createSocketClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { accessToken, onSessionChange } from '../session/auth';

/**
 * One urql client for the console: queries and mutations over HTTP with the access token, subscriptions
 * over graphql-ws on the same /graphql (authenticated in connection_init, as the api asks). Nothing is
 * cached across requests: what an agency may see can change with its agreements.
 */
export function createGraphqlClient(): Client {
  const socketUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  const sockets = createSocketClient({
    url: socketUrl,
    lazy: true,
    connectionParams: () => ({ authorization: `Bearer ${accessToken() ?? ''}` }),
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connected: (socket) => (open = socket as WebSocket),
      closed: () => (open = undefined),
    },
  });
  // A refreshed token takes over the open connection in a ping (the api's protocol), so live updates go on.
  let open: WebSocket | undefined;
  onSessionChange((session) => {
    if (session && open?.readyState === WebSocket.OPEN)
      open.send(
        JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${session.accessToken}` } }),
      );
  });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${accessToken() ?? ''}` } }),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: sockets.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
}

/** The one error shape of the api (extensions.code, reason, field or fields, and a sentence). */
export interface ApiProblem {
  readonly message: string;
  readonly code?: string;
  readonly reason?: string;
  /** Messages per input field the server named. */
  readonly fields: Record<string, string>;
}

export function problemOf(error: {
  graphQLErrors: readonly { message: string; extensions?: Record<string, unknown> }[];
  networkError?: Error;
}): ApiProblem {
  const first = error.graphQLErrors[0];
  if (!first) return { message: error.networkError?.message ?? '', code: 'NETWORK', fields: {} };
  const extensions = first.extensions ?? {};
  const fields: Record<string, string> = {};
  for (const { field, message } of (extensions.fields as { field: string; message: string }[]) ?? [])
    fields[field] ??= message;
  if (typeof extensions.field === 'string') fields[extensions.field] ??= first.message;
  return {
    message: first.message,
    code: typeof extensions.code === 'string' ? extensions.code : undefined,
    reason: typeof extensions.reason === 'string' ? extensions.reason : undefined,
    fields,
  };
}
