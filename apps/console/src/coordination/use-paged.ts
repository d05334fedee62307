import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiProblem } from '../api/client';

/** One page of a cursor-paged list of the api, or why the api refused it. */
export type PageAnswer<Node> =
  | { readonly nodes: readonly Node[]; readonly endCursor?: string | null; readonly hasNextPage: boolean }
  | { readonly problem: ApiProblem };

/**
 * A cursor-paged list read one page at a time: the first page when `key` (what is asked: the filter, the
 * search) changes, the next one on `more()`, appended. An answer to an older question is dropped.
 */
export function usePaged<Node>(key: string, load: (after: string | null) => Promise<PageAnswer<Node>>) {
  const [state, setState] = useState<{
    nodes: readonly Node[];
    endCursor: string | null;
    hasNextPage: boolean;
    problem?: ApiProblem;
  }>({ nodes: [], endCursor: null, hasNextPage: false });
  const [fetching, setFetching] = useState(false);
  const asked = useRef(key);
  const loadRef = useRef(load);
  loadRef.current = load;

  const read = useCallback(async (forKey: string, after: string | null) => {
    setFetching(true);
    const answer = await loadRef.current(after);
    if (asked.current !== forKey) return;
    setFetching(false);
    setState((previous) =>
      'problem' in answer
        ? { ...previous, problem: answer.problem, hasNextPage: false }
        : {
            nodes: after === null ? answer.nodes : [...previous.nodes, ...answer.nodes],
            endCursor: answer.endCursor ?? null,
            hasNextPage: answer.hasNextPage,
          },
    );
  }, []);

  useEffect(() => {
    asked.current = key;
    setState({ nodes: [], endCursor: null, hasNextPage: false });
    void read(key, null);
  }, [key, read]);

  return {
    ...state,
    fetching,
    more: () => void read(key, state.endCursor),
  };
}
