import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../shared/actor.value.js';
import { agencyCode, NATIONAL_TEAM } from '../shared/agency-code.value.js';
import { bsn } from '../shared/bsn.value.js';
import { calendarDate } from '../shared/calendar-date.value.js';
import { countryCode } from '../shared/country-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { euroCents } from '../shared/euro-cents.value.js';
import { instant } from '../shared/instant.value.js';
import { kvkNumber } from '../shared/kvk-number.value.js';
import { municipalityCode } from '../shared/municipality-code.value.js';
import { postcode } from '../shared/postcode.value.js';
import { safetyRegion } from '../shared/safety-region.value.js';
import { RawCommandContext } from '../shared/command-context.js';
import { ScenarioCommand } from '../shared/decider.scenario.js';
import { Raw } from '../shared/raw.js';
import { OpenActivation as ParsedOpenActivation, RawActivationCommand } from './activation.commands.js';
import { AgencyCode } from '../shared/agency-code.value.js';
import { RegionalCoordination } from '../shared/regional-coordination.value.js';
import {
  decideActivation as decide,
  foldActivation,
  prepareActivationCommand,
} from './activation.decider.js';
import { ActivationErrorCode as E } from './activation.errors.js';
import {
  ActivationEvent,
  ActivationEventDataMap,
  ActivationEventOf,
  ActivationEventType,
} from './activation.events.js';
import { given } from './activation.scenario.js';
import { OpenedActivation } from './activation.state.js';
import {
  ActivationKind,
  ActivationStatus,
  ActivationTrigger,
  InterventionType,
  SignalSourceKind,
  Theme,
} from './activation.vocabulary.js';

/** Commands as they arrive, written with their actor and clock (the scenario passes those as the context). */
type ActivationCommand = ScenarioCommand<RawActivationCommand>;
type OpenActivation = ScenarioCommand<Raw<ParsedOpenActivation>>;

function decideActivation(
  command: ActivationCommand,
  state: ReturnType<typeof foldActivation>,
  coordination?: RegionalCoordination,
) {
  const prepared = prepareActivationCommand(command, command as RawCommandContext, coordination);
  return prepared.ok ? decide(prepared.value.command, state, prepared.value.context) : prepared;
}

/** A token of another agency that claims the COORDINATOR role for VR17. */
function coordinatorClaimedBy(agency: AgencyCode): Actor {
  return { userId: `u-${agency}`, agency, role: Role.COORDINATOR, region: VR17 };
}

const ID = 'act-1';
const NOW = '2020-06-01T09:30:00+02:00';

const NLA = agencyCode('NLA');
const UWV = agencyCode('UWV');
const SVB = agencyCode('SVB');
const POL = agencyCode('POL');
const BD = agencyCode('BD');
const VR17 = safetyRegion('VR17');
const GM0599 = municipalityCode('GM0599');

const nlaInspector: Actor = { userId: 'u-nla', agency: NLA, role: Role.INSPECTOR };
const uwvInspector: Actor = { userId: 'u-uwv', agency: UWV, role: Role.INSPECTOR };
const svbInspector: Actor = { userId: 'u-svb', agency: SVB, role: Role.INSPECTOR };
const regionCoordinator: Actor = { userId: 'u-vr17', agency: VR17, role: Role.COORDINATOR, region: VR17 };
const otherRegionCoordinator: Actor = {
  userId: 'u-vr03',
  agency: agencyCode('VR03'),
  role: Role.COORDINATOR,
  region: safetyRegion('VR03'),
};
// An inspector tied to the region is not its coordinator.
const regionInspector: Actor = { userId: 'u-vr17-i', agency: VR17, role: Role.INSPECTOR, region: VR17 };

function ev<T extends ActivationEventType>(type: T, data: ActivationEventDataMap[T]): ActivationEventOf<T> {
  return { type, data };
}

function by(actor: Actor = nlaInspector) {
  return { actor, now: NOW, activationId: ID };
}

const employer = {
  name: 'Bouwbedrijf De Maas B.V.',
  kvkNumber: kvkNumber('12345678'),
  staffingAgency: { name: 'FlexWerk Uitzend B.V.', kvkNumber: kvkNumber('87654321') },
};
const siteLocation = { address: 'Havenweg 12', postcode: postcode('3011 AB'), city: 'Rotterdam' };

const opened = ev('activation.opened', {
  activationId: ID,
  title: { text: 'Bouwplaats Havenweg' },
  kind: ActivationKind.PREVENTIVE,
  trigger: ActivationTrigger.OWN_OBSERVATION,
  themes: [Theme.HOUSING, Theme.WORK],
  region: VR17,
  municipality: GM0599,
  leadAgency: NLA,
  location: siteLocation,
  employer,
});
const openedBare = ev('activation.opened', {
  activationId: ID,
  title: { text: 'Bouwplaats Havenweg' },
  kind: ActivationKind.PREVENTIVE,
  trigger: ActivationTrigger.OWN_OBSERVATION,
  themes: [Theme.WORK],
  region: VR17,
  municipality: GM0599,
  leadAgency: NLA,
});
const uwvInvited = ev('agency.invited', { agency: UWV, invitedBy: NLA });
const uwvJoined = ev('agency.joined', { agency: UWV });
const withUwv = [opened, uwvInvited, uwvJoined];
const plainSignal = ev('signal.recorded', {
  signalId: 's-1',
  recordedBy: NLA,
  source: { kind: SignalSourceKind.EXTERNAL, name: 'FNV Bouw' },
  description: { text: 'Twenty workers sleep in a shed on the building site.' },
});
const infectionSignal = ev('signal.recorded', {
  signalId: 's-2',
  recordedBy: NLA,
  source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: agencyCode('GGD17') },
  description: { text: 'Positive tests among workers housed at the site.' },
  confirmedInfection: true,
  healthDetail: { text: 'Three positive PCR tests on 30 May.' },
});
const inspectionScheduled = ev('inspection.scheduled', {
  inspectionId: 'i-1',
  plannedAt: instant('2020-06-02T07:00:00+02:00'),
  location: siteLocation,
  agencies: [NLA],
});
const inspectionCompleted = ev('inspection.completed', {
  inspectionId: 'i-1',
  outcomeSummary: { text: 'Site visited.' },
});
const healthFinding = ev('finding.recorded', {
  findingId: 'f-health',
  category: DataCategory.HEALTH,
  description: { text: 'Two workers with confirmed infection share a room with six others.' },
  recordedBy: NLA,
  confirmedInfection: true,
});
const employerFinding = ev('finding.recorded', {
  findingId: 'f-employer',
  category: DataCategory.EMPLOYER,
  description: { text: 'No risk inventory for the housing.' },
  recordedBy: NLA,
});
const reportFiled = ev('report.filed', {
  reportId: 'r-1',
  filedBy: NLA,
  summary: { text: 'Housing inspected; warning given.' },
  outcome: { text: 'Employer improved the housing.' },
});
const closed = ev('activation.closed', { outcome: { text: 'Housing improved.' } });
const closedHistory = [...withUwv, reportFiled, closed];

function openCommand(overrides: Partial<OpenActivation> = {}): OpenActivation {
  return {
    ...by(),
    type: 'OpenActivation',
    title: 'Bouwplaats Havenweg',
    kind: ActivationKind.PREVENTIVE,
    trigger: ActivationTrigger.OWN_OBSERVATION,
    themes: [Theme.HOUSING, Theme.WORK],
    region: 'VR17',
    municipality: 'GM0599',
    leadAgency: 'NLA',
    location: { address: 'Havenweg 12', postcode: '3011AB', city: 'Rotterdam' },
    employer: {
      name: 'Bouwbedrijf De Maas B.V.',
      kvkNumber: '12345678',
      staffingAgency: { name: 'FlexWerk Uitzend B.V.', kvkNumber: '87654321' },
    },
    ...overrides,
  };
}

const infectionSignalInput = {
  signalId: 's-2',
  source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: 'GGD17' },
  description: 'Positive tests among workers housed at the site.',
  confirmedInfection: true,
  healthDetail: 'Three positive PCR tests on 30 May.',
};

function byType(command: ActivationCommand): [string, ActivationCommand] {
  return [command.type, command];
}

/** One valid command of every type but OpenActivation, for rules that hold across all of them. */
function everyCommandOn(actor: Actor): ActivationCommand[] {
  return [
    {
      ...by(actor),
      type: 'RecordSignal',
      signalId: 's-9',
      source: { kind: SignalSourceKind.ANONYMOUS },
      description: 'x y z',
    },
    { ...by(actor), type: 'InviteAgency', agency: 'SVB' },
    { ...by(actor), type: 'JoinActivation' },
    { ...by(actor), type: 'LeaveActivation' },
    { ...by(actor), type: 'EscalateActivation', triggeredBy: { kind: 'SIGNAL', id: 's-2' } },
    {
      ...by(actor),
      type: 'ScheduleInspection',
      inspectionId: 'i-9',
      plannedAt: NOW,
      location: { address: 'Havenweg 12', city: 'Rotterdam' },
    },
    { ...by(actor), type: 'CompleteInspection', inspectionId: 'i-1', outcomeSummary: 'Done.' },
    { ...by(actor), type: 'CancelInspection', inspectionId: 'i-1', reason: 'Site empty.' },
    {
      ...by(actor),
      type: 'RecordFinding',
      findingId: 'f-9',
      category: DataCategory.EMPLOYER,
      description: 'x',
    },
    {
      ...by(actor),
      type: 'ImposeIntervention',
      interventionId: 'iv-9',
      interventionType: InterventionType.WARNING,
      description: 'Improve the housing.',
    },
    { ...by(actor), type: 'MakeReferral', referralId: 'rf-9', toAgency: 'POL', reason: 'Trafficking signs.' },
    {
      ...by(actor),
      type: 'DecideIntegratedDeployment',
      integrated: false,
      agencies: [],
      rationale: 'Not needed.',
    },
    { ...by(actor), type: 'FileReport', reportId: 'r-9', summary: 'Summary.', outcome: 'Outcome.' },
    { ...by(actor), ...attachDocument },
    { ...by(actor), type: 'CloseActivation', outcome: 'Done.' },
    { ...by(actor), type: 'ReopenActivation', reason: 'New signal.' },
    { ...by(actor), type: 'TransferLead', toAgency: 'UWV' },
    { ...by(actor), type: 'ProposeClosing', reason: 'All inspections done.' },
    { ...by(actor), type: 'DeclineInvitation', reason: 'Not our case.' },
  ];
}

/** An AttachDocument as the api sends it: the upload's facts filled in, the categories declared or defaulted. */
const attachDocument = {
  type: 'AttachDocument',
  attachmentId: 'up-9',
  title: 'Proces-verbaal',
  categories: [DataCategory.REPORT, DataCategory.PERSONAL],
  contentType: 'application/pdf',
  byteLength: 1234,
  sha256: 'b'.repeat(64),
} as const;

describe('activation decider', () => {
  describe('OpenActivation', () => {
    it('opens a preventive activation with the lead agency as its only participant', () => {
      given([]).when(openCommand()).then([opened]);
      const state = foldActivation([opened]) as OpenedActivation;
      expect(state.status).toBe(ActivationStatus.OPEN);
      expect(state.participants).toEqual([NLA]);
    });

    it('normalises codes and postcode, trims texts and drops repeated themes', () => {
      given([])
        .when(
          openCommand({
            region: ' vr17 ',
            municipality: 'gm0599',
            leadAgency: 'nla',
            themes: [Theme.HOUSING, Theme.WORK, Theme.HOUSING],
            location: { address: '  Havenweg 12 ', postcode: '3011 ab', city: 'Rotterdam' },
          }),
        )
        .then([opened]);
    });

    it('leaves out location and employer when none are given', () => {
      given([])
        .when(openCommand({ themes: [Theme.WORK], location: undefined, employer: undefined }))
        .then([openedBare]);
    });

    it('records an initial signal of a preventive activation in the same decision', () => {
      given([])
        .when(
          openCommand({
            trigger: ActivationTrigger.EXTERNAL_REPORT,
            initialSignal: {
              signalId: 's-1',
              source: { kind: SignalSourceKind.EXTERNAL, name: 'FNV Bouw' },
              description: 'Twenty workers sleep in a shed on the building site.',
            },
          }),
        )
        .then([
          ev('activation.opened', { ...opened.data, trigger: ActivationTrigger.EXTERNAL_REPORT }),
          plainSignal,
        ]);
    });

    it('opens a repressive activation together with the confirmed-infection signal it names', () => {
      given([])
        .when(openCommand({ kind: ActivationKind.REPRESSIVE, initialSignal: infectionSignalInput }))
        .then([
          ev('activation.opened', {
            ...opened.data,
            kind: ActivationKind.REPRESSIVE,
            triggeredBy: { kind: 'SIGNAL', id: 's-2' },
          }),
          infectionSignal,
        ]);
    });

    it('refuses a repressive activation without a confirmed-infection signal', () => {
      given([])
        .when(openCommand({ kind: ActivationKind.REPRESSIVE }))
        .then(E.CONFIRMED_INFECTION_REQUIRED);
      given([])
        .when(
          openCommand({
            kind: ActivationKind.REPRESSIVE,
            initialSignal: { ...infectionSignalInput, confirmedInfection: false },
          }),
        )
        .then(E.CONFIRMED_INFECTION_REQUIRED);
    });

    it('refuses a preventive activation whose initial signal reports a confirmed infection', () => {
      given([])
        .when(openCommand({ initialSignal: infectionSignalInput }))
        .then(E.KIND_CONFLICT);
    });

    it('refuses to open an activation twice', () => {
      given([opened]).when(openCommand()).then(E.ALREADY_OPENED);
    });

    it('lets the coordinator of the region open an activation led by another agency', () => {
      given([])
        .when({ ...openCommand(), actor: regionCoordinator })
        .then([opened]);
    });

    it('refuses to open for another lead agency', () => {
      given([])
        .when({ ...openCommand(), actor: uwvInspector })
        .then(E.NOT_LEAD_AGENCY);
      given([])
        .when({ ...openCommand(), actor: otherRegionCoordinator })
        .then(E.NOT_LEAD_AGENCY);
      given([])
        .when({ ...openCommand(), actor: regionInspector })
        .then(E.NOT_LEAD_AGENCY);
    });

    it.each([
      ['region', { region: 'VR26' }],
      ['municipality', { municipality: 'GM059' }],
      ['leadAgency', { leadAgency: 'XYZ' }],
      ['themes', { themes: [] }],
      ['themes[0]', { themes: ['FOOD' as Theme] }],
      ['kind', { kind: 'MAYBE' as ActivationKind }],
      ['trigger', { trigger: 'RUMOUR' as ActivationTrigger }],
      ['activationId', { activationId: '' }],
      ['now', { now: 'yesterday' }],
      ['location.postcode', { location: { address: 'Havenweg 12', postcode: '0123 AB', city: 'Rotterdam' } }],
      ['location.city', { location: { address: 'Havenweg 12', city: '  ' } }],
      ['employer.kvkNumber', { employer: { name: 'De Maas', kvkNumber: '1234567' } }],
      ['employer.staffingAgency.name', { employer: { name: 'De Maas', staffingAgency: { name: '' } } }],
    ] as [string, Partial<OpenActivation>][])('refuses malformed input in %s', (field, overrides) => {
      const decision = given([]).when(openCommand(overrides)).then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('reads codes, whatever their case, and leads with the opener when no lead is named', () => {
      const { leadAgency: _lead, ...withoutLead } = openCommand({ region: 'vr17', municipality: 'gm0599' });
      const decision = given([])
        .when(withoutLead as OpenActivation)
        .then([ev('activation.opened', { ...opened.data })]);
      expect(decision.ok).toBe(true);
    });

    it('refuses a municipality outside the safety region, naming the region it lies in', () => {
      const decision = given([])
        .when(openCommand({ region: 'VR09', municipality: 'GM0599' }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: {
          field: 'municipality',
          message:
            'GM0599 (Rotterdam) lies in safety region VR17, not VR09; correct the region to VR17 or name a municipality of VR09.',
        },
      });
    });

    it('refuses a municipality code the CBS table does not hold (merged away, or none)', () => {
      for (const municipality of ['GM0501', 'GM9999']) {
        const decision = given([]).when(openCommand({ municipality })).then(E.INVALID_INPUT);
        expect(decision).toMatchObject({
          error: {
            field: 'municipality',
            message: expect.stringContaining('not a municipality of the CBS table'),
          },
        });
      }
    });

    it('explains an invalid region in words the user can act on', () => {
      const decision = given([])
        .when(openCommand({ region: 'VR26' }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('VR01 to VR25') } });
    });

    it.each([Role.POLICY_ADMIN, Role.PRIVACY_OFFICER, Role.AGENCY_SYSTEM])('refuses the role %s', (role) => {
      given([])
        .when({ ...openCommand(), actor: { ...nlaInspector, role } })
        .then(E.ROLE_NOT_ALLOWED);
    });

    it('refuses an actor of an unknown agency', () => {
      const decision = given([])
        .when({ ...openCommand(), actor: { ...nlaInspector, agency: 'ACME' as typeof NLA } })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'actor' } });
    });
  });

  describe('on an activation that was never opened', () => {
    it.each(everyCommandOn(nlaInspector).map(byType))('%s is NOT_FOUND', (_type, command) => {
      given([]).when(command).then(E.NOT_FOUND);
    });

    it('treats the state of another stream as not found', () => {
      given([ev('activation.opened', { ...opened.data, activationId: 'act-2' })])
        .when({ ...by(), type: 'InviteAgency', agency: 'UWV' })
        .then(E.NOT_FOUND);
    });
  });

  describe('on a closed activation', () => {
    const participantCommands = everyCommandOn(nlaInspector).filter(
      // Leaving and declining an invitation stay possible on a closed activation.
      (c) => c.type !== 'ReopenActivation' && c.type !== 'LeaveActivation' && c.type !== 'DeclineInvitation',
    );
    it.each(participantCommands.map(byType))('%s is refused until it is reopened', (_type, command) => {
      given([...closedHistory, inspectionScheduled])
        .when(command)
        .then(E.ACTIVATION_CLOSED);
    });

    it('can be left by a participant that does not lead it', () => {
      given(closedHistory)
        .when({ ...by(uwvInspector), type: 'LeaveActivation' })
        .then([ev('agency.left', { agency: UWV })]);
    });

    it('refuses joining, even when invited', () => {
      given([opened, uwvInvited, reportFiled, closed])
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then(E.ACTIVATION_CLOSED);
    });

    it('takes findings again once reopened', () => {
      given([...closedHistory, ev('activation.reopened', { reason: { text: 'New complaint.' } })])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-9',
          category: DataCategory.EMPLOYER,
          description: 'x',
        })
        .then([
          ev('finding.recorded', {
            findingId: 'f-9',
            category: DataCategory.EMPLOYER,
            description: { text: 'x' },
            recordedBy: NLA,
          }),
        ]);
    });
  });

  describe('who may act', () => {
    const coordinatorCommands = new Set([
      'InviteAgency',
      'EscalateActivation',
      'DecideIntegratedDeployment',
      'FileReport',
      'CloseActivation',
      'ReopenActivation',
      'TransferLead',
    ]);

    it.each(everyCommandOn(svbInspector).map(byType))(
      'an agency that neither takes part, is invited nor coordinates the region is answered %s as for no activation at all',
      (_type, command) => {
        const hidden = given([...withUwv, infectionSignal, inspectionScheduled])
          .when(command)
          .then(E.NOT_FOUND);
        const absent = given([]).when(command).then(E.NOT_FOUND);
        expect(hidden).toEqual(absent);
      },
    );

    it('an invited agency that has not joined is not a participant yet', () => {
      given([opened, uwvInvited])
        .when({
          ...by(uwvInspector),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: DataCategory.EMPLOYER,
          description: 'x',
        })
        .then(E.NOT_A_PARTICIPANT);
    });

    it.each(
      everyCommandOn(regionCoordinator)
        .filter(
          (c) =>
            c.type !== 'JoinActivation' && c.type !== 'DeclineInvitation' && !coordinatorCommands.has(c.type),
        )
        .map(byType),
    )('the region coordinator, not participating, cannot %s', (_type, command) => {
      given([...withUwv, infectionSignal, inspectionScheduled])
        .when(command)
        .then(E.NOT_A_PARTICIPANT);
    });

    it.each(
      everyCommandOn(otherRegionCoordinator)
        .filter((c) => coordinatorCommands.has(c.type))
        .map(byType),
    )("another region's coordinator is answered %s as for no activation at all", (_type, command) => {
      given([...withUwv, infectionSignal])
        .when(command)
        .then(E.NOT_FOUND);
    });

    it.each(everyCommandOn(coordinatorClaimedBy(BD)).map(byType))(
      "a COORDINATOR role in another agency's token, naming the region, grants no regional power: %s",
      (_type, command) => {
        given([...withUwv, infectionSignal, inspectionScheduled])
          .when(command)
          .then(E.NOT_FOUND);
      },
    );

    it('a coordinator that configuration names for the region coordinates it', () => {
      const named = { named: new Map([[VR17, [GM0599]]]) };
      const invite = { ...by(coordinatorClaimedBy(GM0599)), type: 'InviteAgency', agency: 'SVB' } as const;
      expect(decideActivation(invite, foldActivation(withUwv), named)).toEqual({
        ok: true,
        events: [ev('agency.invited', { agency: SVB, invitedBy: GM0599 })],
      });
      expect(decideActivation(invite, foldActivation(withUwv))).toMatchObject({
        ok: false,
        error: { code: E.NOT_FOUND },
      });
    });

    it('the national team (LOTC) is not invited: it takes part in no activation', () => {
      given(withUwv)
        .when({ ...by(nlaInspector), type: 'InviteAgency', agency: 'LOTC' })
        .then(E.INVALID_INPUT);
    });

    it('the national coordinator reads figures and acts on no activation', () => {
      given(withUwv)
        .when({
          ...by({ userId: 'landelijk@lotc', agency: NATIONAL_TEAM, role: Role.NATIONAL_COORDINATOR }),
          type: 'InviteAgency',
          agency: 'SVB',
        })
        .then(E.ROLE_NOT_ALLOWED);
    });

    it.each([Role.POLICY_ADMIN, Role.PRIVACY_OFFICER, Role.AGENCY_SYSTEM])(
      'the role %s cannot act, even for a participating agency',
      (role) => {
        given(withUwv)
          .when({ ...by({ ...nlaInspector, role }), type: 'InviteAgency', agency: 'SVB' })
          .then(E.ROLE_NOT_ALLOWED);
      },
    );
  });

  describe('RecordSignal', () => {
    it('records a signal with persons, normalising their data', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.EXTERNAL, name: 'Neighbour' },
          description: 'Workers transported in an overloaded van.',
          subjects: [
            {
              subjectId: 'p-1',
              name: 'Jan Kowalski',
              bsn: '111222333',
              birthDate: '1990-04-23',
              nationality: 'pl',
            },
            { subjectId: 'p-2', bsn: '123456782' },
          ],
          confirmedInfection: false,
        })
        .then([
          ev('signal.recorded', {
            signalId: 's-3',
            recordedBy: NLA,
            source: { kind: SignalSourceKind.EXTERNAL, name: 'Neighbour' },
            description: { text: 'Workers transported in an overloaded van.' },
            subjects: [
              {
                subjectId: 'p-1',
                name: 'Jan Kowalski',
                bsn: bsn('111222333'),
                birthDate: calendarDate('1990-04-23'),
                nationality: countryCode('PL'),
              },
              { subjectId: 'p-2', bsn: bsn('123456782') },
            ],
            confirmedInfection: false,
          }),
        ]);
    });

    it('records signals from a partner agency and from an anonymous source', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-4',
          source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: 'uwv', name: 'Team Handhaving' },
          description: 'Benefits paid to workers who live at the site.',
        })
        .then([
          ev('signal.recorded', {
            signalId: 's-4',
            recordedBy: NLA,
            source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: UWV, name: 'Team Handhaving' },
            description: { text: 'Benefits paid to workers who live at the site.' },
          }),
        ]);
      given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-5',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'Call.',
        })
        .then([
          ev('signal.recorded', {
            signalId: 's-5',
            recordedBy: NLA,
            source: { kind: SignalSourceKind.ANONYMOUS },
            description: { text: 'Call.' },
          }),
        ]);
    });

    describe('one person, one subject', () => {
      const withPerson = [
        opened,
        ev('signal.recorded', {
          signalId: 's-1',
          recordedBy: NLA,
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: { text: 'Call.' },
          subjects: [{ subjectId: 'p-1', bsn: bsn('111222333') }, { subjectId: 'p-2' }],
        }),
      ];
      const signalAbout = (subjects: { subjectId: string; bsn?: string }[]): ActivationCommand => ({
        ...by(),
        type: 'RecordSignal',
        signalId: 's-9',
        source: { kind: SignalSourceKind.ANONYMOUS },
        description: 'Again.',
        subjects,
      });

      it('refuses a subject id recorded with another BSN, without naming the BSN on record', () => {
        const decision = given(withPerson)
          .when(signalAbout([{ subjectId: 'p-1', bsn: '123456782' }]))
          .then(E.SUBJECT_CONFLICT);
        expect(decision).toMatchObject({ error: { field: 'subjects[0].bsn' } });
        expect(JSON.stringify(decision)).not.toContain('111222333');
      });

      it('refuses a BSN recorded under another subject id, without naming that subject', () => {
        const decision = given(withPerson)
          .when(signalAbout([{ subjectId: 'p-3', bsn: '111222333' }]))
          .then(E.SUBJECT_CONFLICT);
        expect(decision).toMatchObject({ error: { field: 'subjects[0].bsn' } });
        expect(JSON.stringify(decision)).not.toContain('p-1');
      });

      it('refuses one command naming one BSN for two subjects (a subject id twice is malformed input)', () => {
        given([opened])
          .when(
            signalAbout([
              { subjectId: 'p-1', bsn: '111222333' },
              { subjectId: 'p-2', bsn: '111222333' },
            ]),
          )
          .then(E.SUBJECT_CONFLICT);
        given([opened])
          .when(
            signalAbout([
              { subjectId: 'p-1', bsn: '111222333' },
              { subjectId: 'p-1', bsn: '123456782' },
            ]),
          )
          .then(E.INVALID_INPUT);
      });

      it('accepts the same person again, and a BSN added to a subject recorded without one', () => {
        const decision = given(withPerson)
          .when(
            signalAbout([
              { subjectId: 'p-1', bsn: '111222333' },
              { subjectId: 'p-2', bsn: '123456782' },
            ]),
          )
          .then([
            ev('signal.recorded', {
              signalId: 's-9',
              recordedBy: NLA,
              source: { kind: SignalSourceKind.ANONYMOUS },
              description: { text: 'Again.' },
              subjects: [
                { subjectId: 'p-1', bsn: bsn('111222333') },
                { subjectId: 'p-2', bsn: bsn('123456782') },
              ],
            }),
          ]);
        expect(decision.ok).toBe(true);
      });
    });

    it('refuses a BSN that fails the eleven-test, naming the field', () => {
      const decision = given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
          subjects: [{ subjectId: 'p-1', bsn: '123456789' }],
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: {
          field: 'subjects[0].bsn',
          message: 'BSN 123456789 fails the eleven-test; check the digits.',
        },
      });
    });

    it.each([
      ['subjects[0]', [{ subjectId: 'p-1' }]],
      ['subjects[0].birthDate', [{ subjectId: 'p-1', name: 'A', birthDate: '2020-06-02' }]],
      ['subjects[0].birthDate', [{ subjectId: 'p-1', name: 'A', birthDate: '1990-02-30' }]],
      ['subjects[0].nationality', [{ subjectId: 'p-1', name: 'A', nationality: 'Polish' }]],
      [
        'subjects[1].subjectId',
        [
          { subjectId: 'p-1', name: 'A' },
          { subjectId: 'p-1', name: 'B' },
        ],
      ],
      ['subjects[0].subjectId', [{ subjectId: ' ', name: 'A' }]],
    ])('refuses a malformed person at %s', (field, subjects) => {
      const decision = given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
          subjects,
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it.each([
      ['source.name', { kind: SignalSourceKind.EXTERNAL }],
      ['source.agency', { kind: SignalSourceKind.EXTERNAL, name: 'FNV', agency: 'UWV' }],
      ['source.agency', { kind: SignalSourceKind.PARTNER_AGENCY }],
      ['source', { kind: SignalSourceKind.ANONYMOUS, name: 'Piet' }],
      ['source.kind', { kind: 'RUMOUR' as SignalSourceKind }],
    ])('refuses a malformed source at %s', (field, source) => {
      const decision = given([opened])
        .when({ ...by(), type: 'RecordSignal', signalId: 's-3', source, description: 'x' })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('refuses an empty description', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: ' ',
        })
        .then(E.INVALID_INPUT);
    });

    it('refuses a signal id that is already used', () => {
      given([opened, plainSignal])
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-1',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
        })
        .then(E.DUPLICATE_ID);
    });

    it('lets a joined agency record signals', () => {
      given(withUwv)
        .when({
          ...by(uwvInspector),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
        })
        .then([
          ev('signal.recorded', {
            signalId: 's-3',
            recordedBy: UWV,
            source: { kind: SignalSourceKind.ANONYMOUS },
            description: { text: 'x' },
          }),
        ]);
    });
  });

  describe('InviteAgency', () => {
    it('invites an agency', () => {
      given([opened])
        .when({ ...by(), type: 'InviteAgency', agency: 'uwv' })
        .then([uwvInvited]);
    });

    it('lets the coordinator of the region invite without participating', () => {
      given([opened])
        .when({ ...by(regionCoordinator), type: 'InviteAgency', agency: 'UWV' })
        .then([ev('agency.invited', { agency: UWV, invitedBy: VR17 })]);
    });

    it('is idempotent: inviting again, or inviting a participant, changes nothing', () => {
      given([opened, uwvInvited])
        .when({ ...by(), type: 'InviteAgency', agency: 'UWV' })
        .then([]);
      given(withUwv)
        .when({ ...by(), type: 'InviteAgency', agency: 'UWV' })
        .then([]);
      given([opened])
        .when({ ...by(), type: 'InviteAgency', agency: 'NLA' })
        .then([]);
    });

    it('invites again an agency that left', () => {
      given([...withUwv, ev('agency.left', { agency: UWV })])
        .when({ ...by(), type: 'InviteAgency', agency: 'UWV' })
        .then([uwvInvited]);
    });

    it('refuses an unknown agency', () => {
      const decision = given([opened])
        .when({ ...by(), type: 'InviteAgency', agency: 'ACME' })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'agency' } });
    });
  });

  describe('JoinActivation', () => {
    it('lets an invited agency join, making it a participant', () => {
      given([opened, uwvInvited])
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then([uwvJoined]);
      expect((foldActivation(withUwv) as OpenedActivation).participants).toEqual([NLA, UWV]);
    });

    it('is idempotent for participants, the lead agency included', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then([]);
      given([opened])
        .when({ ...by(), type: 'JoinActivation' })
        .then([]);
    });

    it('answers an agency that was not invited as if there were no activation', () => {
      given([opened])
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then(E.NOT_FOUND);
    });

    it('refuses the region coordinator, who sees the activation, without an invitation', () => {
      given([opened])
        .when({ ...by(regionCoordinator), type: 'JoinActivation' })
        .then(E.NOT_INVITED);
    });

    it('requires a new invitation after leaving', () => {
      given([...withUwv, ev('agency.left', { agency: UWV })])
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then(E.NOT_FOUND);
    });
  });

  describe('LeaveActivation', () => {
    it('lets a participant leave, with a reason', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'LeaveActivation', reason: 'No benefits involved.' })
        .then([ev('agency.left', { agency: UWV, reason: { text: 'No benefits involved.' } })]);
    });

    it('leaves the reason out when none is given', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'LeaveActivation' })
        .then([ev('agency.left', { agency: UWV })]);
    });

    it('refuses the lead agency', () => {
      given(withUwv)
        .when({ ...by(), type: 'LeaveActivation' })
        .then(E.LEAD_AGENCY_CANNOT_LEAVE);
    });

    it('takes away the right to act', () => {
      given([...withUwv, ev('agency.left', { agency: UWV })])
        .when({
          ...by(uwvInspector),
          type: 'RecordSignal',
          signalId: 's-3',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
        })
        .then(E.NOT_FOUND);
      given([...withUwv, ev('agency.left', { agency: UWV })])
        .when({ ...by(uwvInspector), type: 'LeaveActivation' })
        .then(E.NOT_FOUND);
    });
  });

  describe('EscalateActivation', () => {
    const escalated = (kind: 'SIGNAL' | 'FINDING', id: string) =>
      ev('activation.escalated', { kind: ActivationKind.REPRESSIVE, triggeredBy: { kind, id } });

    it('makes a preventive activation repressive on a confirmed-infection signal', () => {
      given([opened, infectionSignal])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'SIGNAL', id: 's-2' } })
        .then([escalated('SIGNAL', 's-2')]);
      const state = foldActivation([opened, infectionSignal, escalated('SIGNAL', 's-2')]) as OpenedActivation;
      expect(state.kind).toBe(ActivationKind.REPRESSIVE);
      expect(state.triggeredBy).toEqual({ kind: 'SIGNAL', id: 's-2' });
    });

    it('escalates on a confirmed-infection finding, also when the coordinator of the region asks', () => {
      given([opened, healthFinding])
        .when({
          ...by(regionCoordinator),
          type: 'EscalateActivation',
          triggeredBy: { kind: 'FINDING', id: 'f-health' },
        })
        .then([escalated('FINDING', 'f-health')]);
    });

    it('refuses evidence that reports no confirmed infection', () => {
      given([opened, plainSignal])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'SIGNAL', id: 's-1' } })
        .then(E.CONFIRMED_INFECTION_REQUIRED);
      given([opened, employerFinding])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'FINDING', id: 'f-employer' } })
        .then(E.CONFIRMED_INFECTION_REQUIRED);
    });

    it('refuses evidence that does not exist', () => {
      given([opened])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'SIGNAL', id: 's-404' } })
        .then(E.SIGNAL_NOT_FOUND);
      given([opened])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'FINDING', id: 'f-404' } })
        .then(E.FINDING_NOT_FOUND);
    });

    it('refuses an activation that is already repressive', () => {
      given([opened, infectionSignal, escalated('SIGNAL', 's-2'), healthFinding])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'FINDING', id: 'f-health' } })
        .then(E.ALREADY_REPRESSIVE);
    });

    it('refuses malformed evidence', () => {
      given([opened, infectionSignal])
        .when({ ...by(), type: 'EscalateActivation', triggeredBy: { kind: 'RUMOUR' as 'SIGNAL', id: 's-2' } })
        .then(E.INVALID_INPUT);
    });
  });

  describe('inspections', () => {
    it('schedules an inspection by the actor’s agency and moves the activation into progress', () => {
      given([opened])
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-1',
          plannedAt: '2020-06-02T07:00:00+02:00',
          location: { address: 'Havenweg 12', postcode: '3011AB', city: 'Rotterdam' },
        })
        .then([inspectionScheduled]);
      expect((foldActivation([opened, inspectionScheduled]) as OpenedActivation).status).toBe(
        ActivationStatus.IN_PROGRESS,
      );
    });

    it('schedules a joint inspection of participating agencies', () => {
      given(withUwv)
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-1',
          plannedAt: '2020-06-02T07:00:00+02:00',
          location: { address: 'Havenweg 12', postcode: '3011AB', city: 'Rotterdam' },
          agencies: ['NLA', 'uwv', 'UWV'],
        })
        .then([ev('inspection.scheduled', { ...inspectionScheduled.data, agencies: [NLA, UWV] })]);
    });

    it('refuses agencies that do not take part', () => {
      given([opened])
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-1',
          plannedAt: NOW,
          location: { address: 'Havenweg 12', city: 'Rotterdam' },
          agencies: ['NLA', 'UWV'],
        })
        .then(E.AGENCY_NOT_PARTICIPATING);
    });

    it.each([
      ['plannedAt', { plannedAt: '2020-06-31 07:00' }],
      ['location', { location: undefined }],
      ['location.address', { location: { address: '', city: 'Rotterdam' } }],
      ['agencies', { agencies: [] }],
      ['agencies[0]', { agencies: ['ACME'] }],
      ['inspectionId', { inspectionId: 'i 1' }],
    ])('refuses malformed input in %s', (field, overrides) => {
      const decision = given([opened])
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-2',
          plannedAt: NOW,
          location: { address: 'Havenweg 12', city: 'Rotterdam' },
          ...(overrides as object),
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('refuses an inspection id that is already used', () => {
      given([opened, inspectionScheduled])
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-1',
          plannedAt: NOW,
          location: { address: 'Havenweg 12', city: 'Rotterdam' },
        })
        .then(E.DUPLICATE_ID);
    });

    it('completes a scheduled inspection', () => {
      given([opened, inspectionScheduled])
        .when({ ...by(), type: 'CompleteInspection', inspectionId: 'i-1', outcomeSummary: ' Site visited. ' })
        .then([inspectionCompleted]);
    });

    it('refuses to complete an inspection that was not scheduled, is completed or was cancelled', () => {
      const complete: ActivationCommand = {
        ...by(),
        type: 'CompleteInspection',
        inspectionId: 'i-1',
        outcomeSummary: 'x',
      };
      given([opened]).when(complete).then(E.INSPECTION_NOT_FOUND);
      given([opened, inspectionScheduled, inspectionCompleted])
        .when(complete)
        .then(E.INSPECTION_ALREADY_COMPLETED);
      given([
        opened,
        inspectionScheduled,
        ev('inspection.cancelled', { inspectionId: 'i-1', reason: { text: 'Site empty.' } }),
      ])
        .when(complete)
        .then(E.INSPECTION_CANCELLED);
    });

    it('refuses an empty outcome summary', () => {
      given([opened, inspectionScheduled])
        .when({ ...by(), type: 'CompleteInspection', inspectionId: 'i-1', outcomeSummary: '' })
        .then(E.INVALID_INPUT);
    });

    it('cancels a scheduled inspection, with a reason', () => {
      given([opened, inspectionScheduled])
        .when({ ...by(), type: 'CancelInspection', inspectionId: 'i-1', reason: 'Site empty.' })
        .then([ev('inspection.cancelled', { inspectionId: 'i-1', reason: { text: 'Site empty.' } })]);
      given([opened, inspectionScheduled])
        .when({ ...by(), type: 'CancelInspection', inspectionId: 'i-1', reason: '' })
        .then(E.INVALID_INPUT);
      given([opened, inspectionScheduled, inspectionCompleted])
        .when({ ...by(), type: 'CancelInspection', inspectionId: 'i-1', reason: 'Too late.' })
        .then(E.INSPECTION_ALREADY_COMPLETED);
    });
  });

  describe('RecordFinding', () => {
    it('records an income finding with persons, amounts and the inspection it came from', () => {
      given([opened, inspectionScheduled, inspectionCompleted])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: DataCategory.INCOME,
          description: 'Wages below the legal minimum after housing deductions.',
          inspectionId: 'i-1',
          subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski', bsn: '111222333' }],
          amounts: [
            { label: 'Hourly wage paid', euroCents: 812 },
            { label: 'Weekly housing deduction', euroCents: 12500 },
          ],
        })
        .then([
          ev('finding.recorded', {
            findingId: 'f-1',
            category: DataCategory.INCOME,
            description: { text: 'Wages below the legal minimum after housing deductions.' },
            recordedBy: NLA,
            inspectionId: 'i-1',
            subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski', bsn: bsn('111222333') }],
            amounts: [
              { label: 'Hourly wage paid', euroCents: euroCents(812) },
              { label: 'Weekly housing deduction', euroCents: euroCents(12500) },
            ],
          }),
        ]);
    });

    it('records a health finding with a confirmed infection, moving the activation into progress', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-health',
          category: DataCategory.HEALTH,
          description: 'Two workers with confirmed infection share a room with six others.',
          confirmedInfection: true,
        })
        .then([healthFinding]);
      expect((foldActivation([opened, healthFinding]) as OpenedActivation).status).toBe(
        ActivationStatus.IN_PROGRESS,
      );
    });

    it('refuses amounts on a finding that is not about income, benefits or tax', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: DataCategory.PERSONAL,
          description: 'x',
          amounts: [{ label: 'Wage', euroCents: 100 }],
        })
        .then(E.INVALID_INPUT);
    });

    it('refuses a confirmed infection outside a health finding', () => {
      given([opened])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: DataCategory.EMPLOYER,
          description: 'x',
          confirmedInfection: true,
        })
        .then(E.INVALID_INPUT);
    });

    it.each([
      ['category', { category: DataCategory.CASE }],
      ['category', { category: DataCategory.REPORT }],
      ['description', { description: '' }],
      ['amounts[0].euroCents', { category: DataCategory.TAX, amounts: [{ label: 'Tax', euroCents: 12.5 }] }],
      ['amounts[0].euroCents', { category: DataCategory.TAX, amounts: [{ label: 'Tax', euroCents: -1 }] }],
      ['amounts[0].label', { category: DataCategory.TAX, amounts: [{ label: '', euroCents: 1 }] }],
    ])('refuses malformed input in %s', (field, overrides) => {
      const decision = given([opened])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: DataCategory.EMPLOYER,
          description: 'x',
          ...(overrides as object),
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('refuses a reference to an inspection that does not exist or was cancelled', () => {
      const finding: ActivationCommand = {
        ...by(),
        type: 'RecordFinding',
        findingId: 'f-1',
        category: DataCategory.EMPLOYER,
        description: 'x',
        inspectionId: 'i-1',
      };
      given([opened]).when(finding).then(E.INSPECTION_NOT_FOUND);
      given([
        opened,
        inspectionScheduled,
        ev('inspection.cancelled', { inspectionId: 'i-1', reason: { text: 'x' } }),
      ])
        .when(finding)
        .then(E.INSPECTION_CANCELLED);
    });

    it('refuses a finding id that is already used', () => {
      given([opened, employerFinding])
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-employer',
          category: DataCategory.EMPLOYER,
          description: 'x',
        })
        .then(E.DUPLICATE_ID);
    });
  });

  describe('ImposeIntervention', () => {
    it('imposes a fine on a named addressee, citing inspection and findings', () => {
      given([opened, inspectionScheduled, inspectionCompleted, employerFinding])
        .when({
          ...by(),
          type: 'ImposeIntervention',
          interventionId: 'iv-1',
          interventionType: InterventionType.FINE,
          description: 'Fine for lacking a risk inventory.',
          addressee: { name: 'FlexWerk Uitzend B.V.', kvkNumber: '87654321' },
          amountEuroCents: 450000,
          legalBasis: 'Arbeidsomstandighedenwet art. 5',
          inspectionId: 'i-1',
          findingIds: ['f-employer'],
        })
        .then([
          ev('intervention.imposed', {
            interventionId: 'iv-1',
            interventionType: InterventionType.FINE,
            imposedBy: NLA,
            addressee: { name: 'FlexWerk Uitzend B.V.', kvkNumber: kvkNumber('87654321') },
            description: { text: 'Fine for lacking a risk inventory.' },
            amountEuroCents: euroCents(450000),
            legalBasis: 'Arbeidsomstandighedenwet art. 5',
            inspectionId: 'i-1',
            findingIds: ['f-employer'],
            findingCategories: [DataCategory.EMPLOYER],
          }),
        ]);
    });

    it("addresses the activation's employer when no addressee is given", () => {
      given([opened])
        .when({
          ...by(),
          type: 'ImposeIntervention',
          interventionId: 'iv-1',
          interventionType: InterventionType.WARNING,
          description: 'Improve the housing within two weeks.',
        })
        .then([
          ev('intervention.imposed', {
            interventionId: 'iv-1',
            interventionType: InterventionType.WARNING,
            imposedBy: NLA,
            addressee: employer,
            description: { text: 'Improve the housing within two weeks.' },
          }),
        ]);
    });

    it("closes the activation's location when a closure names none", () => {
      given([opened])
        .when({
          ...by(),
          type: 'ImposeIntervention',
          interventionId: 'iv-1',
          interventionType: InterventionType.CLOSURE,
          description: 'Building site closed; workers also live there.',
        })
        .then([
          ev('intervention.imposed', {
            interventionId: 'iv-1',
            interventionType: InterventionType.CLOSURE,
            imposedBy: NLA,
            addressee: employer,
            description: { text: 'Building site closed; workers also live there.' },
            location: siteLocation,
          }),
        ]);
    });

    it('needs an addressee and, for a closure, a location', () => {
      const warning: ActivationCommand = {
        ...by(),
        type: 'ImposeIntervention',
        interventionId: 'iv-1',
        interventionType: InterventionType.WARNING,
        description: 'x',
      };
      given([openedBare]).when(warning).then(E.EMPLOYER_REQUIRED);
      given([openedBare])
        .when({ ...warning, interventionType: InterventionType.CLOSURE, addressee: { name: 'De Maas' } })
        .then(E.LOCATION_REQUIRED);
    });

    it('refuses a fine without an amount and an amount on anything but a fine', () => {
      const fine: ActivationCommand = {
        ...by(),
        type: 'ImposeIntervention',
        interventionId: 'iv-1',
        interventionType: InterventionType.FINE,
        description: 'x',
      };
      given([opened]).when(fine).then(E.INVALID_INPUT);
      given([opened])
        .when({ ...fine, amountEuroCents: 0 })
        .then(E.INVALID_INPUT);
      given([opened])
        .when({ ...fine, amountEuroCents: 99.5 })
        .then(E.INVALID_INPUT);
      given([opened])
        .when({ ...fine, interventionType: InterventionType.ORDER, amountEuroCents: 100 })
        .then(E.INVALID_INPUT);
    });

    it('refuses references to findings or inspections that do not exist', () => {
      const warning: ActivationCommand = {
        ...by(),
        type: 'ImposeIntervention',
        interventionId: 'iv-1',
        interventionType: InterventionType.WARNING,
        description: 'x',
      };
      given([opened])
        .when({ ...warning, findingIds: ['f-404'] })
        .then(E.FINDING_NOT_FOUND);
      given([opened])
        .when({ ...warning, inspectionId: 'i-404' })
        .then(E.INSPECTION_NOT_FOUND);
    });

    it('refuses an intervention id that is already used, or an unknown type', () => {
      const warning: ActivationCommand = {
        ...by(),
        type: 'ImposeIntervention',
        interventionId: 'iv-1',
        interventionType: InterventionType.WARNING,
        description: 'x',
      };
      const history = [
        opened,
        ...(decideActivation(warning, foldActivation([opened])) as { events: ActivationEvent[] }).events,
      ];
      given(history).when(warning).then(E.DUPLICATE_ID);
      given([opened])
        .when({ ...warning, interventionType: 'SCOLDING' as InterventionType })
        .then(E.INVALID_INPUT);
    });
  });

  describe('MakeReferral', () => {
    it('refers to another agency, which need not take part', () => {
      given([opened, employerFinding])
        .when({
          ...by(),
          type: 'MakeReferral',
          referralId: 'rf-1',
          toAgency: 'pol',
          reason: 'Signs of human trafficking.',
          findingIds: ['f-employer'],
        })
        .then([
          ev('referral.made', {
            referralId: 'rf-1',
            fromAgency: NLA,
            toAgency: POL,
            reason: { text: 'Signs of human trafficking.' },
            findingIds: ['f-employer'],
            findingCategories: [DataCategory.EMPLOYER],
          }),
        ]);
    });

    it('refuses referring to oneself, an unknown agency, an empty reason or unknown references', () => {
      const referral: ActivationCommand = {
        ...by(),
        type: 'MakeReferral',
        referralId: 'rf-1',
        toAgency: 'POL',
        reason: 'x',
      };
      given([opened])
        .when({ ...referral, toAgency: 'NLA' })
        .then(E.INVALID_INPUT);
      given([opened])
        .when({ ...referral, toAgency: 'ACME' })
        .then(E.INVALID_INPUT);
      given([opened])
        .when({ ...referral, reason: '' })
        .then(E.INVALID_INPUT);
      given([opened])
        .when({ ...referral, inspectionId: 'i-404' })
        .then(E.INSPECTION_NOT_FOUND);
      given([opened])
        .when({ ...referral, findingIds: ['f-404'] })
        .then(E.FINDING_NOT_FOUND);
    });

    it('refuses a referral id that is already used', () => {
      given([
        opened,
        ev('referral.made', { referralId: 'rf-1', fromAgency: NLA, toAgency: POL, reason: { text: 'x' } }),
      ])
        .when({ ...by(), type: 'MakeReferral', referralId: 'rf-1', toAgency: 'POL', reason: 'x' })
        .then(E.DUPLICATE_ID);
    });
  });

  describe('DecideIntegratedDeployment', () => {
    it('decides for joint action of participating agencies', () => {
      given(withUwv)
        .when({
          ...by(),
          type: 'DecideIntegratedDeployment',
          integrated: true,
          agencies: ['NLA', 'UWV'],
          rationale: 'Housing and benefits fraud go together.',
        })
        .then([
          ev('integrated-deployment.decided', {
            integrated: true,
            agencies: [NLA, UWV],
            rationale: { text: 'Housing and benefits fraud go together.' },
          }),
        ]);
    });

    it('lets the coordinator of the region decide against it', () => {
      given(withUwv)
        .when({
          ...by(regionCoordinator),
          type: 'DecideIntegratedDeployment',
          integrated: false,
          agencies: [],
          rationale: 'One agency suffices.',
        })
        .then([
          ev('integrated-deployment.decided', {
            integrated: false,
            agencies: [],
            rationale: { text: 'One agency suffices.' },
          }),
        ]);
    });

    it('refuses fewer than two agencies, outsiders, agencies on a no, and an empty rationale', () => {
      const decide: ActivationCommand = {
        ...by(),
        type: 'DecideIntegratedDeployment',
        integrated: true,
        agencies: ['NLA', 'UWV'],
        rationale: 'x',
      };
      given(withUwv)
        .when({ ...decide, agencies: ['NLA', 'nla'] })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...decide, agencies: ['NLA', 'SVB'] })
        .then(E.AGENCY_NOT_PARTICIPATING);
      given(withUwv)
        .when({ ...decide, integrated: false })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...decide, rationale: ' ' })
        .then(E.INVALID_INPUT);
    });
  });

  describe('FileReport', () => {
    it('files the report (procesverslag)', () => {
      given(withUwv)
        .when({
          ...by(),
          type: 'FileReport',
          reportId: 'r-1',
          summary: 'Housing inspected; warning given.',
          outcome: 'Employer improved the housing.',
        })
        .then([reportFiled]);
    });

    it('lets the coordinator of the region file it', () => {
      given(withUwv)
        .when({ ...by(regionCoordinator), type: 'FileReport', reportId: 'r-1', summary: 'S.', outcome: 'O.' })
        .then([
          ev('report.filed', {
            reportId: 'r-1',
            filedBy: VR17,
            summary: { text: 'S.' },
            outcome: { text: 'O.' },
          }),
        ]);
    });

    it('refuses an empty summary or outcome, and a report id that is already used', () => {
      const file: ActivationCommand = {
        ...by(),
        type: 'FileReport',
        reportId: 'r-2',
        summary: 'S.',
        outcome: 'O.',
      };
      given(withUwv)
        .when({ ...file, summary: '' })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...file, outcome: '' })
        .then(E.INVALID_INPUT);
      given([...withUwv, reportFiled])
        .when({ ...file, reportId: 'r-1' })
        .then(E.DUPLICATE_ID);
    });
  });

  describe('AttachDocument', () => {
    const attached = ev('document.attached', {
      attachmentId: 'up-9',
      attachedBy: UWV,
      title: { text: 'Proces-verbaal', categories: [DataCategory.PERSONAL, DataCategory.REPORT] },
      contentType: 'application/pdf',
      byteLength: 1234,
      sha256: 'b'.repeat(64),
      categories: [DataCategory.PERSONAL, DataCategory.REPORT],
    });

    it('adds the document of a participant, its title carrying the categories declared', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), ...attachDocument })
        .then([attached]);
    });

    it('refuses one upload twice in the same activation', () => {
      given([...withUwv, attached])
        .when({ ...by(uwvInspector), ...attachDocument })
        .then(E.DUPLICATE_ID);
    });

    it('refuses an invited agency that has not joined', () => {
      given([opened, uwvInvited])
        .when({ ...by(uwvInspector), ...attachDocument })
        .then(E.NOT_A_PARTICIPANT);
    });

    it('refuses a document without categories, with bad facts, or with a BSN in a title below PERSONAL', () => {
      const attach = { ...by(uwvInspector), ...attachDocument };
      given(withUwv)
        .when({ ...attach, categories: [] })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...attach, categories: undefined } as unknown as ActivationCommand)
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...attach, categories: ['SECRET'] } as unknown as ActivationCommand)
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...attach, sha256: 'xyz' })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...attach, byteLength: 0 })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...attach, title: 'PV van 111222333', categories: [DataCategory.REPORT] })
        .then(E.PERSONAL_DATA_IN_TEXT);
    });
  });

  describe('CloseActivation', () => {
    const close: ActivationCommand = { ...by(), type: 'CloseActivation', outcome: 'Housing improved.' };

    it('closes an activation that has a report', () => {
      given([...withUwv, reportFiled])
        .when(close)
        .then([closed]);
      expect((foldActivation(closedHistory) as OpenedActivation).status).toBe(ActivationStatus.CLOSED);
    });

    it('lets the coordinator of the region close it', () => {
      given([...withUwv, reportFiled])
        .when({ ...close, actor: regionCoordinator })
        .then([closed]);
    });

    it('needs a filed report', () => {
      const decision = given(withUwv).when(close).then(E.REPORT_REQUIRED);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('procesverslag') } });
    });

    it('needs a report filed after the last reopening', () => {
      const reopened = [...closedHistory, ev('activation.reopened', { reason: { text: 'New complaint.' } })];
      given(reopened).when(close).then(E.REPORT_REQUIRED);
      given([...reopened, ev('report.filed', { ...reportFiled.data, reportId: 'r-2' })])
        .when(close)
        .then([closed]);
    });

    it('refuses while an inspection is still scheduled', () => {
      given([...withUwv, inspectionScheduled, reportFiled])
        .when(close)
        .then(E.INSPECTIONS_OUTSTANDING);
      given([...withUwv, inspectionScheduled, inspectionCompleted, reportFiled])
        .when(close)
        .then([closed]);
    });

    it('refuses an empty outcome, and closing twice', () => {
      given([...withUwv, reportFiled])
        .when({ ...close, outcome: '' })
        .then(E.INVALID_INPUT);
      given(closedHistory).when(close).then(E.ACTIVATION_CLOSED);
    });
  });

  describe('ReopenActivation', () => {
    const reopen: ActivationCommand = { ...by(), type: 'ReopenActivation', reason: 'New complaint.' };

    it('reopens a closed activation, back in progress when work had started', () => {
      given(closedHistory)
        .when(reopen)
        .then([ev('activation.reopened', { reason: { text: 'New complaint.' } })]);
      const worked = [
        opened,
        employerFinding,
        reportFiled,
        closed,
        ev('activation.reopened', { reason: { text: 'x' } }),
      ];
      expect((foldActivation(worked) as OpenedActivation).status).toBe(ActivationStatus.IN_PROGRESS);
      const idle = [...closedHistory, ev('activation.reopened', { reason: { text: 'x' } })];
      expect((foldActivation(idle) as OpenedActivation).status).toBe(ActivationStatus.OPEN);
    });

    it('lets the coordinator of the region reopen it', () => {
      given(closedHistory)
        .when({ ...reopen, actor: regionCoordinator })
        .then([ev('activation.reopened', { reason: { text: 'New complaint.' } })]);
    });

    it('needs a reason', () => {
      given(closedHistory)
        .when({ ...reopen, reason: ' ' })
        .then(E.INVALID_INPUT);
    });

    it('refuses an activation that is not closed', () => {
      given(withUwv).when(reopen).then(E.ACTIVATION_NOT_CLOSED);
    });
  });

  describe('answering an invitation', () => {
    it('invites with the reason the invited agency reads in its inbox', () => {
      given(withUwv)
        .when({ ...by(), type: 'InviteAgency', agency: 'svb', reason: 'Kinderbijslag speelt mee.' })
        .then([
          ev('agency.invited', {
            agency: SVB,
            invitedBy: NLA,
            reason: { text: 'Kinderbijslag speelt mee.' },
          }),
        ]);
    });

    it('lets the invited agency decline, with a reason, and then it is no longer invited', () => {
      const declined = ev('invitation.declined', { agency: UWV, reason: { text: 'Geen uitkeringen.' } });
      given([opened, uwvInvited])
        .when({ ...by(uwvInspector), type: 'DeclineInvitation', reason: 'Geen uitkeringen.' })
        .then([declined]);
      expect((foldActivation([opened, uwvInvited, declined]) as OpenedActivation).invited).toEqual([]);
      // Declined, it no longer sees the activation, as if never invited.
      given([opened, uwvInvited, declined])
        .when({ ...by(uwvInspector), type: 'JoinActivation' })
        .then(E.NOT_FOUND);
    });

    it('refuses declining without a reason, or by a participant', () => {
      given([opened, uwvInvited])
        .when({ ...by(uwvInspector), type: 'DeclineInvitation', reason: '' })
        .then(E.INVALID_INPUT);
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'DeclineInvitation', reason: 'Nee.' })
        .then(E.NOT_INVITED);
    });
  });

  describe('messages a person can act on', () => {
    it('uses the right article: "An inspection"', () => {
      const decision = given([...withUwv, inspectionScheduled])
        .when({
          ...by(),
          type: 'ScheduleInspection',
          inspectionId: 'i-1',
          plannedAt: NOW,
          location: { address: 'Havenweg 12', city: 'Rotterdam' },
        })
        .then(E.DUPLICATE_ID);
      expect(decision).toMatchObject({
        error: { message: expect.stringMatching(/^An inspection with id i-1/) },
      });
    });

    it('names the field and the fix for an amount on a measure that is no fine', () => {
      const decision = given(withUwv)
        .when({
          ...by(),
          type: 'ImposeIntervention',
          interventionId: 'iv-1',
          interventionType: InterventionType.ORDER,
          description: 'Stop.',
          amountEuroCents: 100,
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: { field: 'amountEuroCents', message: expect.stringContaining('this order') },
      });
      expect(JSON.stringify(decision)).not.toMatch(/a ORDER/);
    });

    it('asks for the agency of a partner-agency source, rather than "nothing is not a known agency code"', () => {
      const decision = given(withUwv)
        .when({
          ...by(),
          type: 'RecordSignal',
          signalId: 's-9',
          source: { kind: SignalSourceKind.PARTNER_AGENCY },
          description: 'x y z',
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'source.agency' } });
      expect(JSON.stringify(decision)).not.toContain('nothing');
    });

    it('reads a BSN with dots, and refuses 000000000', () => {
      const record = (bsn: string): ActivationCommand => ({
        ...by(),
        type: 'RecordFinding',
        findingId: 'f-9',
        category: DataCategory.PERSONAL,
        description: 'Worker housed in the shed.',
        subjects: [{ subjectId: 'w-1', name: 'Jan Kowalski', bsn }],
      });
      given(withUwv)
        .when(record('6281.94.821'))
        .then([
          ev('finding.recorded', {
            findingId: 'f-9',
            category: DataCategory.PERSONAL,
            description: { text: 'Worker housed in the shed.' },
            recordedBy: NLA,
            subjects: [{ subjectId: 'w-1', name: 'Jan Kowalski', bsn: bsn('628194821') }],
          }),
        ]);
      const zeros = given(withUwv).when(record('000000000')).then(E.INVALID_INPUT);
      expect(zeros).toMatchObject({ error: { field: 'subjects[0].bsn' } });
    });

    it('refuses a nationality that is no ISO 3166-1 country, such as XX', () => {
      const decision = given(withUwv)
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-9',
          category: DataCategory.PERSONAL,
          description: 'Worker housed in the shed.',
          subjects: [{ subjectId: 'w-1', name: 'Jan Kowalski', nationality: 'XX' }],
        })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'subjects[0].nationality' } });
    });
  });

  describe('authority over a case', () => {
    const leadOnly: ActivationCommand[] = [
      { ...by(uwvInspector), type: 'FileReport', reportId: 'r-9', summary: 'S.', outcome: 'O.' },
      { ...by(uwvInspector), type: 'TransferLead', toAgency: 'UWV' },
    ];

    it.each(leadOnly.map(byType))('a participant that does not lead cannot %s', (_type, command) => {
      const decision = given(withUwv).when(command).then(E.NOT_CASE_AUTHORITY);
      // The refusal says who may do it.
      expect(decision).toMatchObject({
        error: { message: expect.stringMatching(/lead agency NLA or the coordinator of VR17/) },
      });
    });

    it('a participant that does not lead cannot close, and is told to propose closing', () => {
      const decision = given([...withUwv, reportFiled])
        .when({ ...by(uwvInspector), type: 'CloseActivation', outcome: 'Done.' })
        .then(E.NOT_CASE_AUTHORITY);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('proposeClosing') } });
    });

    it('a participant that does not lead cannot reopen', () => {
      given(closedHistory)
        .when({ ...by(uwvInspector), type: 'ReopenActivation', reason: 'New complaint.' })
        .then(E.NOT_CASE_AUTHORITY);
    });

    it('a participant proposes closing, with a reason', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'ProposeClosing', reason: 'No benefits fraud found.' })
        .then([ev('closing.proposed', { proposedBy: UWV, reason: { text: 'No benefits fraud found.' } })]);
    });

    it('proposing closing needs a reason and a participant', () => {
      given(withUwv)
        .when({ ...by(uwvInspector), type: 'ProposeClosing', reason: ' ' })
        .then(E.INVALID_INPUT);
      given([opened, uwvInvited])
        .when({ ...by(uwvInspector), type: 'ProposeClosing', reason: 'Done.' })
        .then(E.NOT_A_PARTICIPANT);
    });

    it('the lead transfers the lead to a participant, who then files, closes and reopens', () => {
      const transferred = ev('lead.transferred', {
        fromAgency: NLA,
        toAgency: UWV,
        reason: { text: 'Benefits fraud is the main issue.' },
      });
      given(withUwv)
        .when({ ...by(), type: 'TransferLead', toAgency: 'uwv', reason: 'Benefits fraud is the main issue.' })
        .then([transferred]);
      const handedOver = [...withUwv, transferred];
      expect(foldActivation(handedOver)).toMatchObject({ leadAgency: UWV, participants: [UWV, NLA] });
      given(handedOver)
        .when({ ...by(uwvInspector), type: 'FileReport', reportId: 'r-1', summary: 'S.', outcome: 'O.' })
        .then([
          ev('report.filed', {
            reportId: 'r-1',
            filedBy: UWV,
            summary: { text: 'S.' },
            outcome: { text: 'O.' },
          }),
        ]);
      // The former lead is a contributor now: it may leave, and may not close.
      given([...handedOver, reportFiled])
        .when({ ...by(), type: 'CloseActivation', outcome: 'Done.' })
        .then(E.NOT_CASE_AUTHORITY);
      given(handedOver)
        .when({ ...by(), type: 'LeaveActivation' })
        .then([ev('agency.left', { agency: NLA })]);
    });

    it('the coordinator of the region transfers the lead', () => {
      given(withUwv)
        .when({ ...by(regionCoordinator), type: 'TransferLead', toAgency: 'UWV' })
        .then([ev('lead.transferred', { fromAgency: NLA, toAgency: UWV })]);
    });

    it('transfers only to a participating agency, and naming the lead again changes nothing', () => {
      given(withUwv)
        .when({ ...by(), type: 'TransferLead', toAgency: 'SVB' })
        .then(E.AGENCY_NOT_PARTICIPATING);
      given(withUwv)
        .when({ ...by(), type: 'TransferLead', toAgency: 'NLA' })
        .then([]);
    });

    it('the lead agency is told to transfer the lead before leaving', () => {
      const decision = given(withUwv)
        .when({ ...by(), type: 'LeaveActivation' })
        .then(E.LEAD_AGENCY_CANNOT_LEAVE);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('transferLead') } });
    });
  });

  describe('purity', () => {
    it('decides the same way twice and leaves the state untouched', () => {
      const state = foldActivation(withUwv);
      const snapshot = JSON.stringify(state, (_key, value: unknown) =>
        value instanceof Map || value instanceof Set ? [...value] : value,
      );
      const command: ActivationCommand = { ...by(), type: 'InviteAgency', agency: 'SVB' };
      expect(decideActivation(command, state)).toEqual(decideActivation(command, state));
      expect(
        JSON.stringify(state, (_key, value: unknown) =>
          value instanceof Map || value instanceof Set ? [...value] : value,
        ),
      ).toBe(snapshot);
    });

    it('refuses a command type it does not know', () => {
      given([opened])
        .when({ ...by(), type: 'DeleteActivation' } as unknown as ActivationCommand)
        .then(E.INVALID_INPUT);
    });

    it('survives commands that bypassed the types', () => {
      const raw = {
        ...by(),
        type: 'RecordSignal',
        signalId: 7,
        source: null,
        description: null,
      } as unknown as ActivationCommand;
      given([opened]).when(raw).then(E.INVALID_INPUT);
    });
  });
});
