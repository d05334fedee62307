import { DataSource } from 'typeorm';
import { startBenchApi } from '../support/bench-api.js';
import { runConcurrently } from '../support/latency-stats.js';

export interface SearchResult {
  /** What was searched for, by kind. */
  query: string;
  agency: string;
  clients: number;
  /** How many searches of this kind were measured. */
  requests: number;
  /** How many activations a search of this kind answered on average (a page holds at most 20). */
  hits: number;
  p50: number;
  p95: number;
  perSecond: number;
}

/**
 * searchActivations through the api (HTTP, token check, row-level security, the agency's own redacted read
 * model, ranking, the access log of persons found) with concurrent clients, on the rebuilt store. Each
 * kind of query draws its terms from what the agency's read model holds, so every search finds something:
 * selective ones (case number, KvK, employer name, street) and broad ones (a city shared by a fifth of the
 * store; a generated BSN, which the generator gives to many persons), for NLA (PERSONAL) and BD (without).
 */
export async function benchSearch(
  db: DataSource,
  databaseUrl: string,
  clients: number,
  requests: number,
): Promise<SearchResult[]> {
  const api = await startBenchApi(databaseUrl);
  const { url } = api;
  const tokens: Record<string, string> = { NLA: await api.token('NLA'), BD: await api.token('BD') };
  const sample = (sql: string): Promise<string[]> =>
    db
      .query(sql)
      .then((rows: { term: string | null }[]) => rows.map((r) => r.term).filter((t) => t !== null));
  const terms: Record<string, string[]> = {
    'case number': await sample(
      `SELECT lower(case_number) AS term FROM rm_activations WHERE agency = 'NLA' AND case_number IS NOT NULL
       ORDER BY random() LIMIT 500`,
    ),
    KvK: await sample(
      `SELECT employer->>'kvkNumber' AS term FROM rm_activations WHERE agency = 'NLA' ORDER BY random() LIMIT 500`,
    ),
    'employer name': await sample(
      `SELECT employer->>'name' AS term FROM rm_activations WHERE agency = 'NLA' ORDER BY random() LIMIT 500`,
    ),
    'street and city': await sample(
      `SELECT (location->>'address') || ' ' || (location->>'city') AS term FROM rm_activations
       WHERE agency = 'NLA' ORDER BY random() LIMIT 500`,
    ),
    'city (broad)': ['Rotterdam', 'Utrecht', 'Amsterdam', 'Maastricht'],
    'BSN (broad)': ['111.222.333', '123456782', '999 999 990'],
  };
  const results: SearchResult[] = [];
  const search = async (agency: string, query: string): Promise<number> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[agency]}` },
      body: JSON.stringify({
        query: `query($q: String!) { searchActivations(query: $q, first: 20) {
          edges { node { activation { id caseNumber title } persons { name } } } } }`,
        variables: { q: query },
      }),
    });
    const body = (await response.json()) as {
      errors?: { message: string }[];
      data?: { searchActivations: { edges: unknown[] } };
    };
    if (body.errors) throw new Error(body.errors[0].message);
    return body.data!.searchActivations.edges.length;
  };
  try {
    for (const [kind, list] of Object.entries(terms)) {
      if (list.length === 0) continue;
      for (const agency of ['NLA', 'BD']) {
        // BD has neither LOCATION nor PERSONAL: its address and BSN searches find nothing, by construction.
        if (agency === 'BD' && !['KvK', 'employer name', 'BSN (broad)'].includes(kind)) continue;
        let found = 0;
        // The broad kinds rank tens of thousands of hits each: fewer of them, or the run takes an hour.
        const count = kind.includes('broad') ? Math.max(clients * 2, Math.round(requests / 5)) : requests;
        const { stats, perSecond } = await runConcurrently(clients, count, async (_w, i) => {
          const answered = await search(agency, list[i % list.length]);
          found += answered;
          return 1;
        });
        results.push({
          query: kind,
          agency,
          clients,
          requests: count,
          hits: Math.round((found / count) * 10) / 10,
          p50: stats.percentile(50),
          p95: stats.percentile(95),
          perSecond,
        });
        process.stderr.write(
          `[bench] search ${kind.padEnd(16)} ${agency.padEnd(4)} clients=${clients} p50=${stats.percentile(50).toFixed(1)}ms p95=${stats.percentile(95).toFixed(1)}ms\n`,
        );
      }
    }
  } finally {
    await api.close();
  }
  return results;
}
