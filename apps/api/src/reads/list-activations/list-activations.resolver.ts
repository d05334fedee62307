import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { VersionTokens } from '#events';
import { activationsTable } from '#read-models';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { CurrentReadRequest, LoggedReads, type ReadRequest } from '../../access-log/index.js';
import { ActivationView } from '../shared/activation.type.js';
import { disclosureOfRow, toActivationView } from '../shared/activation-row.mapper.js';
import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../../pagination/index.js';
import { ActivationsArgs } from './list-activations.args.js';

const ActivationConnection = ConnectionType(ActivationView, 'Activation');

const LIST = 'activations';

@Resolver(() => ActivationView)
export class ListActivationsResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => ActivationConnection, {
    description: 'The activations your agency sees, newest first (opened at, then id, descending).',
  })
  @ReadableBy(CASE_DATA)
  activations(
    @Args() args: ActivationsArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<Connection<ActivationView>> {
    const size = pageSize(args);
    const after = args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['instant', 'text']);
    const filter = args.filter ?? {};
    return this.reads.read({ actor, request, operation: 'activations' }, async (db, view) => {
      const found = await activationsTable.page(db, actor.agency, {
        scope: view.scope(filter),
        municipality: filter.municipality,
        status: filter.status,
        caseNumber: filter.caseNumber,
        participating: filter.participating,
        actedBy: filter.actedByMe ? actor.userId : undefined,
        after,
        limit: size + 1,
      });
      const rows = found.flatMap((row) => view.activation(row) ?? []);
      return {
        result: toConnection(
          rows,
          size,
          args.after,
          (row) => encodeCursor(LIST, [row.opened_key, row.activation_id]),
          (row) => toActivationView(row, this.tokens, view.measuresVisible(row.region)),
        ),
        disclosures: rows.slice(0, size).map(disclosureOfRow),
      };
    });
  }
}
