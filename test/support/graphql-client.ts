/** A GraphQL-over-HTTP call as any client would make it, returning the HTTP status and the parsed body. */
export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; reason?: string; field?: string; [k: string]: unknown };
  }[];
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  /** e.g. `{ signal: AbortSignal.timeout(…) }`, for tests that must notice a request that hangs. */
  init: Pick<RequestInit, 'signal'> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    ...init,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphqlResponse<T>, 'status'>) };
}
