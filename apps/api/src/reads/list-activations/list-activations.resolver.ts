import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { LoggedReads } from '../access-log/logged-reads.service.js';
import { CurrentReadRequest, type ReadRequest } from '../access-log/read-request.decorator.js';
import { scopeConditions } from '../shared/activation-filter.input.js';
import { ActivationView } from '../shared/activation.type.js';
import {
  ACTIVATION_COLUMNS,
  ActivationRow,
  disclosureOfRow,
  toActivationView,
} from '../shared/activation-row.mapper.js';
import { Connection, ConnectionType, toConnection } from '../shared/connection.type.js';
import { decodeCursor, encodeCursor } from '../shared/page-cursor.js';
import { pageSize } from '../shared/page.args.js';
import { CASE_DATA, ReadableBy } from '../shared/read-access.guard.js';
import { SqlParams } from '../shared/sql-params.js';
import { ActivationsArgs } from './list-activations.args.js';

const ActivationConnection = ConnectionType(ActivationView, 'Activation');

const LIST = 'activations';

@Resolver(() => ActivationView)
export class ListActivationsResolver {
  constructor(private readonly reads: LoggedReads) {}

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
    const params = new SqlParams();
    const filter = args.filter ?? {};
    const conditions = [
      `a.agency = ${params.add(actor.agency)}`,
      ...scopeConditions(filter, params, 'a'),
      ...params.when(filter.municipality, (p) => `a.municipality = ${p}`),
      ...params.when(filter.status, (p) => `a.status = ${p}`),
      ...(after
        ? [`(a.opened_at, a.activation_id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])})`]
        : []),
    ];
    return this.reads.read({ actor, request, operation: 'activations' }, async (db) => {
      const rows: ActivationRow[] = await db.query(
        `SELECT ${ACTIVATION_COLUMNS} FROM rm_activations a WHERE ${conditions.join(' AND ')}
         ORDER BY a.opened_at DESC, a.activation_id DESC LIMIT ${params.add(size + 1)}`,
        params.values,
      );
      return {
        result: toConnection(
          rows,
          size,
          args.after,
          (row) => encodeCursor(LIST, [row.opened_key, row.activation_id]),
          toActivationView,
        ),
        disclosures: rows.slice(0, size).map(disclosureOfRow),
      };
    });
  }
}
