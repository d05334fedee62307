import type { Client } from 'urql';
import { graphql } from '../api/generated';
import type { ActivationsFilter, ConsoleRegionRowFragment } from '../api/generated/graphql';
import { accessToken } from '../session/auth';
import { problemOf } from '../api/client';
import type { PageAnswer } from './use-paged';

/** Rows a page: small enough to read on a phone, the api allows up to 100. */
export const PAGE_SIZE = 20;

graphql(`
  fragment ConsoleRegionRow on Activation {
    id
    caseNumber
    title
    kind
    status
    municipality
    leadAgency
    openedAt
    withheld
  }
`);

const REGION_ACTIVATIONS = graphql(`
  query ConsoleRegionActivations($filter: ActivationsFilter, $first: Int, $after: String) {
    activations(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...ConsoleRegionRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const REGION_SEARCH = graphql(`
  query ConsoleRegionSearch($query: String!, $first: Int, $after: String) {
    searchActivations(query: $query, first: $first, after: $after) {
      edges {
        node {
          activation {
            ...ConsoleRegionRow
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type RegionRow = ConsoleRegionRowFragment;

/** A page of the activations the filter asks for (the region's, by status, kind and period). */
export async function readActivations(
  client: Client,
  filter: ActivationsFilter,
  after: string | null,
): Promise<PageAnswer<RegionRow>> {
  const { data, error } = await client
    .query(REGION_ACTIVATIONS, { filter, first: PAGE_SIZE, after })
    .toPromise();
  if (error || !data) return { problem: problemOf(error ?? { graphQLErrors: [] }) };
  return {
    nodes: data.activations.edges.map((edge) => edge.node),
    ...data.activations.pageInfo,
  };
}

/**
 * A page of search hits. The processing activity the search serves travels in the x-purpose header; left
 * out, the api takes case coordination. A purpose that only some of the agency's agreements serve is
 * refused (SEARCH_PURPOSE_NARROWED) rather than searched by less.
 */
export async function searchActivations(
  client: Client,
  query: string,
  purpose: string,
  after: string | null,
): Promise<PageAnswer<RegionRow>> {
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken() ?? ''}` };
  if (purpose) headers['x-purpose'] = purpose;
  const { data, error } = await client
    .query(REGION_SEARCH, { query, first: PAGE_SIZE, after }, { fetchOptions: { headers } })
    .toPromise();
  if (error || !data) return { problem: problemOf(error ?? { graphQLErrors: [] }) };
  return {
    nodes: data.searchActivations.edges.map((edge) => edge.node.activation),
    ...data.searchActivations.pageInfo,
  };
}
