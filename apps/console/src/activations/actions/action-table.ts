import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import * as commands from './action-mutations';

/**
 * Every action one takes on an activation (the inspector's and the coordinator's), as data: the command it
 * sends, whom it is offered to, and the fields of its form, each named by its path in the command's input (`location.city`), which is also how the api names
 * the field of an error; ActionForm renders and sends any of them. Message ids follow from the names:
 * `action.<name>` (button, dialog heading and queue label), `actionField.<field>` (label),
 * `actionField.<field>.hint`, `option.<field>.<value>` (a yesNo field's values `true` and `false`).
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'datetime'
  | 'euros'
  | 'select'
  | 'yesNo'
  | 'checkbox'
  | 'agencies'
  | 'entry'
  | 'subject'
  | 'file';

/** What the console read of the activation: some fields' first values, the agencies offered, its version. */
export interface ActivationFacts {
  readonly version: string;
  readonly region: string;
  readonly municipality: string;
  readonly leadAgency: string;
  readonly participants: readonly string[];
}

/** Whom an action is offered to: the lead agency, a participating one, a coordinator (the api decides). */
export type Offeree = 'lead' | 'participant' | 'coordinator';

/**
 * Timeline entries a field may name, by event type: where the entry's id is in its payload, its kind, and the
 * events that end it (their payload naming it at `endedAt`), after which it is no longer offered.
 */
export interface EntrySource {
  readonly type: string;
  readonly idKey: string;
  readonly kind?: string;
  readonly endedBy: readonly { readonly type: string; readonly idAt: string }[];
}

export interface ActionField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
  readonly hint?: boolean;
  /** select: the values, the first preselected. */
  readonly options?: readonly string[];
  /**
   * entry: which entries of the timeline it offers, and the input path that takes the chosen one's kind.
   * subject: a person of the entry chosen in the form's entry field.
   */
  readonly entries?: readonly EntrySource[];
  readonly kindAt?: string;
  /** Its messages under `actionField.<label>` instead of its name: the same input path, another meaning. */
  readonly label?: string;
  /** The activation's own value to start from (what a correction changes). */
  readonly initial?: 'region' | 'municipality';
  /** text: agencies suggested; agencies: the ones to choose from ('others': the participants but the lead). */
  readonly agencies?: 'participants' | 'others';
  /** Shown and sent only while the yesNo field of this name says yes (an agencies field then sends none). */
  readonly when?: string;
}

export interface ActionSpec {
  readonly name: string;
  // The input's type is each command's own; the form builds it from the fields.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly mutation: TypedDocumentNode<unknown, { input: any }>;
  readonly fields: readonly ActionField[];
  /** Ids of what the command creates, given its command id, so that a repeat creates the same thing. */
  readonly ownIds?: readonly string[];
  /** Sent with a connection only (an upload cannot wait on the device). */
  readonly online?: boolean;
  /** Sent with the version read as expectedVersion: refused if the activation changed meanwhile. */
  readonly versioned?: boolean;
  /** Offered only to these; to everyone when left out. */
  readonly offeredTo?: readonly Offeree[];
}

const WITHDRAWN = [{ type: 'entry.withdrawn', idAt: 'entryId' }];
const SIGNALS: EntrySource = {
  type: 'signal.recorded',
  idKey: 'signalId',
  kind: 'SIGNAL',
  endedBy: WITHDRAWN,
};
const FINDINGS: EntrySource = {
  type: 'finding.recorded',
  idKey: 'findingId',
  kind: 'FINDING',
  endedBy: WITHDRAWN,
};
const INSPECTIONS: EntrySource = {
  type: 'inspection.scheduled',
  idKey: 'inspectionId',
  endedBy: [
    { type: 'inspection.completed', idAt: 'inspectionId' },
    { type: 'inspection.cancelled', idAt: 'inspectionId' },
  ],
};

/** The signal or finding a correction or withdrawal is about. */
const SIGNAL_OR_FINDING: ActionField = {
  name: 'entryId',
  kind: 'entry',
  entries: [SIGNALS, FINDINGS],
  kindAt: 'entryKind',
  required: true,
};
const reason = (required = true): ActionField => ({ name: 'reason', kind: 'textarea', required });
const location = (prefix: string): ActionField[] => [
  { name: `${prefix}.address`, kind: 'text', required: true },
  { name: `${prefix}.postcode`, kind: 'text' },
  { name: `${prefix}.city`, kind: 'text', required: true },
];

export const ACTION_GROUPS: readonly { readonly name: string; readonly actions: readonly ActionSpec[] }[] = [
  {
    name: 'record',
    actions: [
      {
        name: 'signal',
        mutation: commands.RECORD_SIGNAL,
        ownIds: ['signalId'],
        fields: [
          { name: 'description', kind: 'textarea', required: true, hint: true },
          { name: 'source.kind', kind: 'select', options: ['ANONYMOUS', 'EXTERNAL', 'PARTNER_AGENCY'] },
          { name: 'source.name', kind: 'text' },
          { name: 'source.agency', kind: 'text', hint: true },
          { name: 'confirmedInfection', kind: 'checkbox' },
        ],
      },
      {
        name: 'scheduleInspection',
        mutation: commands.SCHEDULE_INSPECTION,
        ownIds: ['inspectionId'],
        fields: [{ name: 'plannedAt', kind: 'datetime', required: true }, ...location('location')],
      },
      {
        name: 'completeInspection',
        mutation: commands.COMPLETE_INSPECTION,
        fields: [
          { name: 'inspectionId', kind: 'entry', entries: [INSPECTIONS], required: true },
          { name: 'outcomeSummary', kind: 'textarea', required: true },
        ],
      },
      {
        name: 'cancelInspection',
        mutation: commands.CANCEL_INSPECTION,
        fields: [{ name: 'inspectionId', kind: 'entry', entries: [INSPECTIONS], required: true }, reason()],
      },
      {
        name: 'measure',
        mutation: commands.IMPOSE_INTERVENTION,
        ownIds: ['interventionId'],
        fields: [
          {
            name: 'interventionType',
            kind: 'select',
            options: ['WARNING', 'ORDER', 'FINE', 'CLOSURE', 'REFERRAL'],
          },
          { name: 'description', kind: 'textarea', required: true, hint: true },
          { name: 'amountEuroCents', kind: 'euros', hint: true },
          { name: 'legalBasis', kind: 'text' },
        ],
      },
      {
        name: 'referral',
        mutation: commands.MAKE_REFERRAL,
        ownIds: ['referralId'],
        fields: [{ name: 'toAgency', kind: 'text', required: true, hint: true }, reason()],
      },
      {
        name: 'invite',
        mutation: commands.INVITE_AGENCY,
        fields: [{ name: 'agency', kind: 'text', required: true, hint: true }, reason(false)],
      },
      {
        name: 'attach',
        mutation: commands.ATTACH_DOCUMENT,
        online: true,
        fields: [
          { name: 'uploadId', kind: 'file', required: true, hint: true },
          { name: 'title', kind: 'text', required: true },
        ],
      },
    ],
  },
  {
    name: 'conclude',
    actions: [
      {
        name: 'report',
        mutation: commands.FILE_REPORT,
        ownIds: ['reportId'],
        fields: [
          { name: 'summary', kind: 'textarea', required: true },
          { name: 'outcome', kind: 'textarea', required: true },
        ],
      },
      {
        name: 'close',
        mutation: commands.CLOSE_ACTIVATION,
        fields: [{ name: 'outcome', kind: 'textarea', required: true }],
      },
      { name: 'proposeClosing', mutation: commands.PROPOSE_CLOSING, fields: [reason()] },
      { name: 'reopen', mutation: commands.REOPEN_ACTIVATION, fields: [reason()] },
      {
        name: 'escalate',
        mutation: commands.ESCALATE_ACTIVATION,
        fields: [
          {
            name: 'triggeredBy.id',
            kind: 'entry',
            entries: [SIGNALS, FINDINGS],
            kindAt: 'triggeredBy.kind',
            required: true,
            hint: true,
          },
        ],
      },
      { name: 'leave', mutation: commands.LEAVE_ACTIVATION, fields: [reason(false)] },
    ],
  },
  {
    name: 'correct',
    actions: [
      {
        name: 'correctLocation',
        mutation: commands.CORRECT_LOCATION,
        fields: [...location('location'), reason()],
      },
      {
        name: 'correctEmployer',
        mutation: commands.CORRECT_EMPLOYER,
        fields: [
          { name: 'employer.name', kind: 'text', required: true },
          { name: 'employer.kvkNumber', kind: 'text' },
          reason(),
        ],
      },
      {
        name: 'correctFinding',
        mutation: commands.CORRECT_FINDING,
        fields: [
          { name: 'findingId', kind: 'entry', entries: [FINDINGS], required: true },
          { name: 'description', kind: 'textarea', required: true },
          reason(),
        ],
      },
      {
        name: 'correctSubject',
        mutation: commands.CORRECT_SUBJECT,
        fields: [
          SIGNAL_OR_FINDING,
          { name: 'subject.subjectId', kind: 'subject', required: true, hint: true },
          { name: 'subject.name', kind: 'text' },
          { name: 'subject.bsn', kind: 'text' },
          { name: 'subject.birthDate', kind: 'text', hint: true },
          { name: 'subject.nationality', kind: 'text' },
          reason(),
        ],
      },
      {
        name: 'withdraw',
        mutation: commands.WITHDRAW_ENTRY,
        fields: [SIGNAL_OR_FINDING, reason()],
      },
    ],
  },
  {
    name: 'coordinate',
    actions: [
      {
        name: 'transferLead',
        mutation: commands.TRANSFER_LEAD,
        versioned: true,
        offeredTo: ['lead', 'coordinator'],
        fields: [
          {
            name: 'toAgency',
            label: 'newLead',
            kind: 'text',
            required: true,
            hint: true,
            agencies: 'others',
          },
          reason(false),
        ],
      },
      {
        name: 'decideIntegratedDeployment',
        mutation: commands.DECIDE_INTEGRATED_DEPLOYMENT,
        versioned: true,
        offeredTo: ['participant', 'coordinator'],
        fields: [
          { name: 'integrated', kind: 'yesNo' },
          { name: 'agencies', kind: 'agencies', agencies: 'participants', when: 'integrated' },
          { name: 'rationale', kind: 'textarea', required: true },
        ],
      },
      {
        name: 'correctRegion',
        mutation: commands.CORRECT_REGION,
        versioned: true,
        offeredTo: ['coordinator'],
        fields: [
          { name: 'region', kind: 'text', required: true, hint: true, initial: 'region' },
          { name: 'municipality', kind: 'text', required: true, hint: true, initial: 'municipality' },
          reason(),
        ],
      },
    ],
  },
];
