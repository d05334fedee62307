import { Actor, Role } from '../shared/actor.value.js';
import { AGREEMENT_TEXT_MAX, parseActivities } from '../agreements/agreement-command.parser.js';
import { parseCommand, RawFields } from '../shared/command.parser.js';
import { parseCommandContext, RawCommandContext } from '../shared/command-context.js';
import { Decision, foldEvents, Prepared, prepareThenDecide } from '../shared/decider.js';
import {
  isAbsent,
  isRecord,
  NAME_MAX,
  optionalText,
  requireAgencies,
  requireOneOf,
  requireText,
} from '../shared/field.parser.js';
import { Instant } from '../shared/instant.value.js';
import { parseIsoPeriod } from '../shared/iso-period.value.js';
import { ArchiveNomination, SelectionListCategory } from '../retention/archive-decision.js';
import { attempt, decided, INVALID_INPUT, reject } from '../shared/rejection.js';
import { ProcessingActivityCommand, ProcessingActivityCommandType } from './processing-activity.commands.js';
import { ProcessingActivityError, ProcessingActivityErrorCode as E } from './processing-activity.errors.js';
import {
  ProcessingActivityEvent,
  ProcessingActivityEventDataMap,
  ProcessingActivityTerms,
} from './processing-activity.events.js';
import {
  evolveProcessingActivity,
  initialProcessingActivityState,
  ProcessingActivityState,
  ProcessingActivityStatus,
} from './processing-activity.state.js';

export type ProcessingActivityDecision = Decision<ProcessingActivityEvent, ProcessingActivityError>;

export interface ProcessingActivityContext {
  readonly actor: Actor;
  readonly now: Instant;
}

function parseTerms(input: RawFields): ProcessingActivityTerms {
  const legalBasis = isRecord(input.legalBasis) ? input.legalBasis : {};
  const controllers = [...requireAgencies(input.controllers, 'controllers', 'The controllers')].sort();
  if (controllers.length < 2) {
    return reject(
      INVALID_INPUT,
      'Name at least two controllers (the agencies that jointly decide on this processing): a register entry ' +
        'is proposed by one and approved by another.',
      'controllers',
    );
  }
  const retention = typeof input.retention === 'string' ? input.retention.trim().toUpperCase() : '';
  if (!parseIsoPeriod(retention)) {
    return reject(
      INVALID_INPUT,
      `${JSON.stringify(input.retention)} is no retention period; give an ISO 8601 period such as P5Y (five years) or P18M.`,
      'retention',
    );
  }
  return {
    name: requireText(input.name, 'name', 'The name', NAME_MAX),
    purpose: requireText(input.purpose, 'purpose', 'The purpose', AGREEMENT_TEXT_MAX),
    legalBasis: {
      text: requireText(legalBasis.text, 'legalBasis.text', 'The legal basis', AGREEMENT_TEXT_MAX),
      reference: requireText(legalBasis.reference, 'legalBasis.reference', 'The legal reference', NAME_MAX),
    },
    controllers,
    retention,
    ...(!isAbsent(input.selectionListCategory) && {
      selectionListCategory: parseSelectionListCategory(input.selectionListCategory, retention),
    }),
  };
}

/** A selection-list category's number, e.g. `1.1.3`. */
const CATEGORY_ID = /^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/;

/**
 * A DESTROY category without a term of its own takes the entry's retention: the two say the same thing
 * unless the selection list sets a term apart. A KEEP category has no term.
 */
function parseSelectionListCategory(value: unknown, retention: string): SelectionListCategory {
  const input = isRecord(value) ? value : {};
  const field = 'selectionListCategory';
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  if (!CATEGORY_ID.test(id)) {
    return reject(
      INVALID_INPUT,
      `${JSON.stringify(input.id)} is no selection-list category; give its number in the list, such as 1.1.3.`,
      `${field}.id`,
    );
  }
  const nomination = requireOneOf(
    input.nomination,
    Object.values(ArchiveNomination),
    `${field}.nomination`,
    'The archive nomination',
  );
  if (nomination === ArchiveNomination.KEEP) {
    if (!isAbsent(input.term)) {
      return reject(
        INVALID_INPUT,
        'A category that keeps records for good (KEEP) has no term; leave the term out, or nominate DESTROY.',
        `${field}.term`,
      );
    }
    return { id, nomination };
  }
  const term = isAbsent(input.term)
    ? retention
    : typeof input.term === 'string'
      ? input.term.trim().toUpperCase()
      : '';
  if (!parseIsoPeriod(term)) {
    return reject(
      INVALID_INPUT,
      `${JSON.stringify(input.term)} is no destruction term; give an ISO 8601 period such as P5Y, or leave it out to use the retention.`,
      `${field}.term`,
    );
  }
  return { id, nomination, term };
}

const PARSERS: {
  readonly [T in ProcessingActivityCommandType]: (input: RawFields) => object;
} = {
  ProposeProcessingActivity: (input) => {
    // The id is what reads declare in x-purpose: the register's own form of id.
    parseActivities([input.activityId], 'activityId');
    const reason = optionalText(input.reason, 'reason', 'The reason', AGREEMENT_TEXT_MAX);
    return { ...parseTerms(input), ...(reason !== undefined && { reason }) };
  },
  ChangeProcessingActivity: (input) => ({ ...parseTerms(input), reason: requireReason(input) }),
  ApproveProcessingActivity: (input) => ({ reason: requireReason(input) }),
  RejectProcessingActivity: (input) => ({ reason: requireReason(input) }),
};

function requireReason(input: RawFields): string {
  return requireText(input.reason, 'reason', 'The reason', AGREEMENT_TEXT_MAX);
}

export function prepareProcessingActivityCommand(
  input: unknown,
  context: RawCommandContext,
): Prepared<ProcessingActivityCommand, ProcessingActivityContext, ProcessingActivityError> {
  return attempt(() => {
    const checked = parseCommandContext(context, [Role.POLICY_ADMIN], {
      code: E.ROLE_NOT_ALLOWED,
      message: (role) =>
        `The role ${role} cannot keep the register of processing activities; ask a policy admin.`,
    });
    const command = parseCommand<ProcessingActivityCommand, []>(
      input,
      { idField: 'activityId', idLabel: 'The activity id', what: 'a register command' },
      PARSERS,
    );
    return { command, context: checked as ProcessingActivityContext };
  });
}

/*
 * The register is no secret (every agency may know which processing exists and why), so a non-controller is
 * told so rather than NOT_FOUND. Four eyes as for agreements: one controller proposes, another decides.
 */
export function decideProcessingActivity(
  command: ProcessingActivityCommand,
  state: ProcessingActivityState,
  { actor }: ProcessingActivityContext,
): ProcessingActivityDecision {
  return decided(() => {
    if (command.type === 'ProposeProcessingActivity') {
      if (state.recorded) {
        return reject(
          E.ALREADY_PROPOSED,
          `The register already has an entry ${command.activityId}; change it, or choose another id.`,
          'activityId',
        );
      }
      const { type: _type, activityId, reason, ...terms } = command;
      requireController(terms.controllers, actor);
      return [
        event('processing-activity.proposed', {
          activityId,
          ...terms,
          proposedBy: actor.userId,
          proposerAgency: actor.agency,
          ...(reason !== undefined && { reason }),
        }),
      ];
    }
    if (!state.recorded || state.activityId !== command.activityId) {
      return reject(
        E.NOT_FOUND,
        `The register has no entry ${command.activityId}; check the id, or propose it.`,
        'activityId',
      );
    }
    requireController(state.controllers, actor);
    switch (command.type) {
      case 'ChangeProcessingActivity': {
        if (state.status !== ProcessingActivityStatus.REGISTERED) {
          return reject(
            E.NOT_REGISTERED,
            `Entry ${state.activityId} is ${state.status}, not in the register; its proposal is decided first.`,
          );
        }
        if (state.pending && state.pending.proposerAgency !== actor.agency) {
          return reject(
            E.PROPOSAL_PENDING,
            `A change of ${state.activityId} proposed by ${state.pending.proposerAgency} waits for your decision; approve or reject it first.`,
          );
        }
        const { type: _type, activityId: _id, reason, ...terms } = command;
        // The new terms must keep the proposer a controller, or it would hand the entry away alone.
        requireController(terms.controllers, actor);
        return [
          event('processing-activity.change-proposed', {
            ...terms,
            proposedBy: actor.userId,
            proposerAgency: actor.agency,
            reason,
          }),
        ];
      }
      case 'ApproveProcessingActivity':
      case 'RejectProcessingActivity': {
        const { pending } = state;
        if (!pending) {
          return reject(
            E.NOTHING_PENDING,
            `Entry ${state.activityId} has no proposal waiting for a decision.`,
          );
        }
        if (pending.proposerAgency === actor.agency) {
          return reject(
            E.OWN_PROPOSAL,
            `Your agency ${actor.agency} proposed this; a policy admin of another controller (${state.controllers.filter((c) => c !== actor.agency).join(', ')}) decides.`,
          );
        }
        if (command.type === 'RejectProcessingActivity') {
          return [
            event('processing-activity.rejected', {
              rejectedBy: actor.userId,
              rejecterAgency: actor.agency,
              reason: command.reason,
            }),
          ];
        }
        const { proposedBy: _by, proposerAgency: _agency, ...terms } = pending;
        return [
          event('processing-activity.approved', {
            ...terms,
            version: state.version + 1,
            approvedBy: actor.userId,
            approverAgency: actor.agency,
            reason: command.reason,
          }),
        ];
      }
    }
  });
}

function requireController(controllers: readonly string[], actor: Actor): void {
  if (!controllers.includes(actor.agency)) {
    reject(
      E.NOT_A_CONTROLLER,
      `Your agency ${actor.agency} is not a controller of this processing activity (${controllers.join(', ')}); only their policy admins keep its entry.`,
    );
  }
}

export const handleProcessingActivityCommand = prepareThenDecide(
  prepareProcessingActivityCommand,
  decideProcessingActivity,
);

export function foldProcessingActivity(events: readonly ProcessingActivityEvent[]): ProcessingActivityState {
  return foldEvents(
    { initialState: initialProcessingActivityState, evolve: evolveProcessingActivity },
    events,
  );
}

/**
 * The URI of a register entry at a version, as the access log names the activity it served (Logboek
 * Dataverwerkingen: `dpl.core.processing_activity_id`).
 */
export function processingActivityUri(activityId: string, version: number): string {
  return `urn:keten:processing-activity:${activityId}:${version}`;
}

function event<T extends keyof ProcessingActivityEventDataMap>(
  type: T,
  data: ProcessingActivityEventDataMap[T],
): ProcessingActivityEvent {
  return { type, data } as ProcessingActivityEvent;
}
