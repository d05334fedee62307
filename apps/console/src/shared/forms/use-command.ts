import { useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useMutation, type AnyVariables } from 'urql';
import { problemOf, type ApiProblem } from '../../api/client';

/**
 * Sending one command of the api from a form. Each attempt carries a command id, kept until the api
 * answers: sending the same command again after a lost answer appends nothing twice; a refused command
 * appended nothing, so the corrected one is a new command. The server's errors come back per field of the
 * input (`input.` taken off), and the first field of the form that has one takes the focus.
 */
export function useCommand<Result, Variables extends AnyVariables>(
  mutation: TypedDocumentNode<Result, Variables>,
  fields: readonly string[],
) {
  const [{ fetching }, execute] = useMutation(mutation);
  const [problem, setProblem] = useState<ApiProblem>();
  const commandId = useRef<string>(undefined);
  const controls = useRef(new Map<string, HTMLElement | null>());

  /** A ref callback for the control of a field, so that an error can focus it. */
  const control = (field: string) => (element: HTMLElement | null) => {
    controls.current.set(field, element);
  };

  function refuse(found: ApiProblem): void {
    setProblem(found);
    const first = fields.find((field) => found.fields[field]);
    if (first) controls.current.get(first)?.focus();
  }

  /** Sends the command built with this attempt's command id; answers the result, or undefined if refused. */
  async function send(build: (commandId: string) => Variables): Promise<Result | undefined> {
    commandId.current ??= crypto.randomUUID();
    const result = await execute(build(commandId.current));
    if (result.error) {
      const found = problemOf(result.error);
      const byField: Record<string, string> = {};
      for (const [name, message] of Object.entries(found.fields))
        byField[name.replace(/^input\./, '')] = message;
      if (found.code !== 'NETWORK') commandId.current = undefined;
      refuse({ ...found, fields: byField });
      return undefined;
    }
    commandId.current = undefined;
    setProblem(undefined);
    return result.data;
  }

  const unplaced =
    problem && problem.message && !fields.some((field) => problem.fields[field])
      ? problem.message
      : undefined;
  return {
    fetching,
    send,
    /** A problem the form found itself (a required field left empty), shown like the server's. */
    refuse,
    control,
    error: (field: string): string | undefined => problem?.fields[field],
    unplaced,
  };
}
