import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { useMemo } from 'react';
import { accessToken } from '../session/auth';

/**
 * The GraphQL explorer (GraphiQL, from the project's own packages: no CDN), for development only: the api
 * offers it when NODE_ENV is development (console-config.json's `explorer`). It speaks to the api as the
 * signed-in person, with the console's access token, over HTTP and graphql-ws. Loaded on its own (a lazy
 * chunk), so the console's first load does not carry it.
 */
export default function Explorer() {
  const fetcher = useMemo(() => {
    const authorization = () => `Bearer ${accessToken() ?? ''}`;
    return createGraphiQLFetcher({
      url: '/graphql',
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...(init?.headers as object), authorization: authorization() } }),
      wsClient: createClient({
        url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
        lazy: true,
        connectionParams: () => ({ authorization: authorization() }),
      }),
    });
  }, []);
  return (
    <div className="keten-explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={'{\n  me {\n    agency\n    role\n  }\n}\n'} />
    </div>
  );
}
