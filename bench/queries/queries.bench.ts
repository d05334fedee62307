import { DataSource } from 'typeorm';
import { startBenchApi } from '../support/bench-api.js';
import { runConcurrently } from '../support/latency-stats.js';

export interface QueryResult {
  query: string;
  path: 'api' | 'raw-sql';
  clients: number;
  p50: number;
  p95: number;
  perSecond: number;
}

/**
 * Timeline and list queries through the api (HTTP, token check, row-level security, redaction as stored,
 * access log) against the raw SQL that reads the same rows, with concurrent clients.
 */
export async function benchQueries(
  db: DataSource,
  databaseUrl: string,
  clients: number,
  requests: number,
): Promise<QueryResult[]> {
  const api = await startBenchApi(databaseUrl);
  const { url } = api;
  const token = await api.token('NLA');
  const ids: string[] = (
    await db.query(
      `SELECT activation_id FROM rm_activations WHERE agency = 'NLA' ORDER BY random() LIMIT 500`,
    )
  ).map((r: { activation_id: string }) => r.activation_id);
  const results: QueryResult[] = [];
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors[0].message);
  };
  const measure = async (
    query: string,
    path: QueryResult['path'],
    task: (i: number) => Promise<void>,
    concurrency = clients,
  ) => {
    const { stats, perSecond } = await runConcurrently(concurrency, requests, async (_w, i) => {
      await task(i);
      return 1;
    });
    results.push({
      query,
      path,
      clients: concurrency,
      p50: stats.percentile(50),
      p95: stats.percentile(95),
      perSecond,
    });
    process.stderr.write(
      `[bench] ${query.padEnd(9)} ${path.padEnd(7)} clients=${concurrency} p50=${stats.percentile(50).toFixed(1)}ms p95=${stats.percentile(95).toFixed(1)}ms\n`,
    );
  };
  const timelineViaApi = (i: number) =>
    gql(
      `query($id: ID!) { timeline(activationId: $id, first: 50) { edges { node { type payload withheld } } } }`,
      { id: ids[i % ids.length] },
    );
  const timelineViaSql = async (i: number) => {
    await db.query(
      `SELECT stream_version, event_type, payload, withheld FROM rm_timeline
       WHERE agency = 'NLA' AND activation_id = $1 ORDER BY stream_version LIMIT 51`,
      [ids[i % ids.length]],
    );
  };
  try {
    // One client first: the time a single request takes, before queueing behind others on these cores.
    await measure('timeline', 'api', timelineViaApi, 1);
    await measure('timeline', 'raw-sql', timelineViaSql, 1);
    await measure('timeline', 'api', timelineViaApi);
    await measure('timeline', 'raw-sql', timelineViaSql);
    await measure('list', 'api', () =>
      gql(
        `{ activations(first: 20, filter: { region: "VR17" }) { edges { node { id status kind themes } } } }`,
        {},
      ),
    );
    await measure('list', 'raw-sql', async () => {
      await db.query(
        `SELECT activation_id, status, kind, themes FROM rm_activations WHERE agency = 'NLA' AND region = 'VR17'
         ORDER BY opened_at DESC, activation_id DESC LIMIT 21`,
      );
    });
  } finally {
    await api.close();
  }
  return results;
}
