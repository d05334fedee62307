import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { narrativePaths, VersionTokens } from '#events';
import { isActivationEventType } from '#domain';
import { type NarrativeFound, type PersonFound, searchTable } from '#read-models';
import { CASE_DATA, CurrentActor, ReadableBy } from '../../auth/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import {
  CurrentReadRequest,
  Disclosure,
  disclosureOf,
  LoggedReads,
  type ReadRequest,
} from '../../access-log/index.js';
import { disclosureOfRow, toActivationView } from '../shared/activation-row.mapper.js';
import {
  Connection,
  ConnectionType,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../../pagination/index.js';
import { SearchActivationsArgs } from './search-activations.args.js';
import { PersonFoundView, SearchHitView } from './search-hit.type.js';
import { searchTermsOf } from './search-terms.js';

const SearchHitConnection = ConnectionType(SearchHitView, 'SearchHit');

const LIST = 'searchActivations';

@Resolver(() => SearchHitView)
export class SearchActivationsResolver {
  constructor(
    private readonly reads: LoggedReads,
    private readonly tokens: VersionTokens,
  ) {}

  @Query(() => SearchHitConnection, {
    description:
      'Search the activations your agency sees, in what it may see of them: best matches first (exact ' +
      'identifiers, then by text rank), ties by activation id. Persons are found only where your agency may see ' +
      'them, and every person found is recorded in the access log as read.',
  })
  @ReadableBy(CASE_DATA)
  searchActivations(
    @Args() args: SearchActivationsArgs,
    @CurrentActor() actor: Actor,
    @CurrentReadRequest() request: ReadRequest,
  ): Promise<Connection<SearchHitView>> {
    const size = pageSize(args);
    const after = args.after === undefined ? undefined : decodeCursor(LIST, args.after, ['integer', 'text']);
    const terms = searchTermsOf(args.query);
    return this.reads.read({ actor, request, operation: LIST }, async (db, view) => {
      // The search columns hold what the agency may see through all its agreements; a read for an activity
      // that only some of them serve would find by more than it may show. Until search narrows its matches
      // by the activity too, it answers only reads that nothing narrows (the agency's own agreements
      // decide this, nothing about any case).
      if (view.narrows) throw searchNarrowed(actor.agency, view.activity);
      const rows = await searchTable.page(db, actor.agency, { terms, after, limit: size + 1 });
      const page = rows.slice(0, size);
      const ids = page.map((row) => row.activation_id);
      // One transaction, one connection: one query after the other.
      const persons = await searchTable.persons(db, actor.agency, ids, terms);
      const narratives = await searchTable.narratives(db, actor.agency, ids, terms);
      const personsOf = new Map<string, PersonFoundView[]>();
      for (const found of persons) {
        const list = personsOf.get(found.activation_id) ?? [];
        const person = toPerson(found.subject);
        if (!list.some((p) => samePerson(p, person))) list.push(person);
        personsOf.set(found.activation_id, list);
      }
      return {
        result: toConnection(
          rows,
          size,
          args.after,
          (row) => encodeCursor(LIST, [row.score, row.activation_id]),
          (row) => ({
            activation: toActivationView(row, this.tokens, view.measuresVisible(row.region)),
            persons: personsOf.get(row.activation_id) ?? [],
          }),
        ),
        disclosures: [
          ...page.map(disclosureOfRow),
          ...persons.map(disclosureOfPerson),
          ...narratives.map(disclosureOfNarrative),
        ],
      };
    });
  }
}

/**
 * A person found is a read of that person, in the entry that names them: the categories are those the
 * entry carries as the agency sees it (PERSONAL, and HEALTH or a finding's category where the entry makes
 * seeing the person that too), so the log says at least as much as the answer does, never less.
 */
function disclosureOfPerson(found: PersonFound): Disclosure | undefined {
  return disclosureOf(found.activation_id, found.event_type, { ...found.payload, subjects: [found.subject] });
}

/** A narrative matched: what the searcher learns of it is logged as a read of the narrative. */
function disclosureOfNarrative(found: NarrativeFound): Disclosure | undefined {
  if (!isActivationEventType(found.event_type))
    return disclosureOf(found.activation_id, found.event_type, {});
  const payload = (found.payload ?? {}) as Record<string, unknown>;
  const narratives = Object.fromEntries(
    narrativePaths(found.event_type).map((path) => [path, payload[path] ?? null]),
  );
  return disclosureOf(found.activation_id, found.event_type, { category: payload.category, ...narratives });
}

function toPerson(subject: Record<string, unknown>): PersonFoundView {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { subjectId: text(subject.subjectId), name: text(subject.name), bsn: text(subject.bsn) };
}

function samePerson(a: PersonFoundView, b: PersonFoundView): boolean {
  return a.subjectId === b.subjectId && a.name === b.name && a.bsn === b.bsn;
}

function searchNarrowed(agency: string, activity: string) {
  return apiError(
    ApiErrorCode.FORBIDDEN,
    `Search is not available for the processing activity ${activity}: only some of the agreements of your ` +
      `agency ${agency} in force serve it. Search with an x-purpose that every agreement of your agency in ` +
      'force serves (me { agreementsInForce { activities } }), or read activations and timelines for this one.',
    { reason: 'SEARCH_PURPOSE_NARROWED' },
  );
}
