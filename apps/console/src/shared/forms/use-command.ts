import { useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { stringifyDocument, useMutation, type AnyVariables } from 'urql';
import { problemOf, type ApiProblem } from '../../api/client';
import { ownerOf } from '../../field-mode/command-queue';
import { fieldQueue } from '../../field-mode/field-queue';
import { session } from '../../session/auth';

/**
 * Sending one command of the api from a form. Each attempt carries a command id, kept until the api
 * answers: sending the same command again after a lost answer appends nothing twice; a refused command
 * appended nothing, so the corrected one is a new command. The server's errors come back per field of the
 * input (`input.` taken off), and the first field of the form that has one takes the focus.
 *
 * Field mode: given `queueAs` (the message id of the action), a command the api could not be reached for is
 * kept on the device with its command id and sent when the connection returns (field-mode/); `queued` says so.
 */
export function useCommand<Result, Variables extends AnyVariables>(
  mutation: TypedDocumentNode<Result, Variables>,
  fields: readonly string[],
  queueAs?: string,
) {
  const [{ fetching }, execute] = useMutation(mutation);
  const [problem, setProblem] = useState<ApiProblem>();
  const [queued, setQueued] = useState(false);
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

  /**
   * Sends the command built with this attempt's command id; answers the result, 'queued' when it waits on
   * the device (field mode: the form is done with it), or undefined if refused.
   */
  async function send(build: (commandId: string) => Variables): Promise<Result | 'queued' | undefined> {
    commandId.current ??= crypto.randomUUID();
    const variables = build(commandId.current);
    setQueued(false);
    const result = await execute(variables);
    if (result.error) {
      const found = problemOf(result.error);
      const signedIn = session();
      if (found.code === 'NETWORK' && queueAs && signedIn) {
        fieldQueue.enqueue({
          commandId: commandId.current,
          owner: ownerOf(signedIn),
          label: queueAs,
          query: stringifyDocument(mutation),
          variables: variables as Record<string, unknown>,
          queuedAt: new Date().toISOString(),
        });
        commandId.current = undefined;
        setProblem(undefined);
        setQueued(true);
        return 'queued';
      }
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
    /** The last attempt could not reach the api and waits on the device (field mode). */
    queued,
    send,
    /** A problem the form found itself (a required field left empty), shown like the server's. */
    refuse,
    control,
    error: (field: string): string | undefined => problem?.fields[field],
    unplaced,
  };
}
