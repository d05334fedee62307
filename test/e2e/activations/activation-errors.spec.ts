import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { startApi } from '../../support/api-app.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  ActivationMutation,
  openPreventiveInput,
  scenarioTokens,
  send,
  versionOf,
} from './activation-mutations.fixture.js';

/** The same token with one byte of its signature flipped: well-formed, but not signed by a trusted key. */
function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[10] ^= 0xff;
  return [header, payload, bytes.toString('base64url')].join('.');
}

describe('activation mutations refuse what they must, with typed errors, and write nothing then', () => {
  let app: INestApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof scenarioTokens>>;

  beforeAll(async () => {
    ({ app, url } = await startApi());
    tokens = await scenarioTokens();
  });
  afterAll(() => app?.close());

  /** A fresh activation led by NLA with the municipality taking part; answers its id and version. */
  async function openWithMunicipality() {
    const { activationId } = openPreventiveInput();
    const steps: [ActivationMutation, string, Record<string, unknown>][] = [
      ['openActivation', tokens.nla, openPreventiveInput({ activationId })],
      ['inviteAgency', tokens.nla, { activationId, agency: 'GM0599' }],
      ['joinActivation', tokens.gemeente, { activationId }],
    ];
    for (const [name, token, input] of steps) {
      expect((await send(url, name, input, token)).errors).toBeUndefined();
    }
    return { activationId, version: steps.length };
  }

  const finding = (activationId: string, extra: Record<string, unknown> = {}) => ({
    activationId,
    findingId: randomUUID(),
    category: 'HEALTH',
    description: 'Workers share beds in shifts.',
    ...extra,
  });

  describe('who may act', () => {
    it('answers a tampered token with 401 UNAUTHENTICATED', async () => {
      const { activationId } = await openWithMunicipality();
      const response = await send(url, 'recordFinding', finding(activationId), tamperSignature(tokens.nla));
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0].message).toMatch(/signature does not match/);
    });

    it('refuses a policy admin with FORBIDDEN', async () => {
      const { activationId } = await openWithMunicipality();
      const response = await send(url, 'recordFinding', finding(activationId), tokens.policyAdmin);
      expect(response.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_ALLOWED',
      });
    });

    it('answers an agency that may not see the activation as if there were none', async () => {
      const { activationId } = await openWithMunicipality();
      for (const [name, input] of [
        ['recordFinding', finding(activationId)],
        ['joinActivation', { activationId }],
      ] as const) {
        const response = await send(url, name, input, tokens.svb);
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
      }
    });

    it('refuses an invited agency that has not joined with FORBIDDEN', async () => {
      const { activationId } = await openWithMunicipality();
      expect(
        (await send(url, 'inviteAgency', { activationId, agency: 'UWV' }, tokens.nla)).errors,
      ).toBeUndefined();
      const record = await send(url, 'recordFinding', finding(activationId), tokens.uwv);
      expect(record.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PARTICIPANT' });
    });

    it('lets only the coordinator of the same region act without taking part', async () => {
      const { activationId, version } = await openWithMunicipality();
      const decide = (token: string) =>
        send(
          url,
          'decideIntegratedDeployment',
          {
            activationId,
            integrated: false,
            agencies: [],
            rationale: 'The municipality handles the housing alone.',
          },
          token,
        );
      const elsewhere = await tokenFor({
        userId: 'coord-vr01',
        agency: 'VR01',
        role: 'COORDINATOR',
        region: 'VR01',
      });
      // Another region's coordinator may not even see it.
      expect((await decide(elsewhere)).errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'NOT_FOUND',
      });
      expect((await decide(tokens.coordinator)).result).toMatchObject({
        version: versionOf(activationId, version + 1),
      });
    });

    it('answers an unknown activation with NOT_FOUND', async () => {
      const response = await send(url, 'recordFinding', finding(randomUUID()), tokens.nla);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' });
    });
  });

  describe('bad input', () => {
    it('refuses each bad input as BAD_USER_INPUT naming the field, and writes nothing', async () => {
      const { activationId, version } = await openWithMunicipality();
      const refusals: [ActivationMutation, Record<string, unknown>, Record<string, unknown>][] = [
        // The eleven-test is the domain's: its error names one field.
        [
          'recordSignal',
          {
            source: { kind: 'ANONYMOUS' },
            description: 'Workers paid cash.',
            subjects: [{ subjectId: 'w1', bsn: '123456789' }],
          },
          { reason: 'INVALID_INPUT', field: 'subjects[0].bsn' },
        ],
        // The GraphQL layer's rules list every field at fault.
        [
          'recordSignal',
          {
            commandId: 'not-a-uuid',
            source: { kind: 'ANONYMOUS' },
            description: 'x'.repeat(10_001),
            subjects: [{ subjectId: 'w1', bsn: '12345' }],
          },
          {
            fields: expect.arrayContaining([
              expect.objectContaining({ field: 'commandId' }),
              expect.objectContaining({ field: 'description' }),
              expect.objectContaining({ field: 'subjects[0].bsn' }),
            ]),
          },
        ],
        [
          'recordFinding',
          finding(activationId, { category: 'CASE' }),
          { reason: 'INVALID_INPUT', field: 'category' },
        ],
        [
          'recordFinding',
          finding(activationId, { category: 'PERSONAL', amounts: [{ label: 'rent', euroCents: 40_000 }] }),
          { reason: 'INVALID_INPUT', field: 'amounts' },
        ],
        [
          'scheduleInspection',
          {
            inspectionId: 'i-1',
            plannedAt: '31-6-2020 09:30',
            location: { address: 'Kasweg 12', city: 'R' },
          },
          {
            reason: 'INVALID_INPUT',
            field: 'plannedAt',
            fields: [
              expect.objectContaining({
                field: 'plannedAt',
                message: expect.stringMatching(/3-12-2026 09:30/),
              }),
            ],
          },
        ],
        [
          'imposeIntervention',
          { interventionType: 'FINE', description: 'Underpayment.' },
          { reason: 'INVALID_INPUT', field: 'amountEuroCents' },
        ],
        ['inviteAgency', { agency: 'ACME' }, { fields: [expect.objectContaining({ field: 'agency' })] }],
        [
          'reopenActivation',
          { reason: '   ' },
          { fields: [expect.objectContaining({ field: 'reason', message: 'reason must not be blank' })] },
        ],
      ];
      for (const [name, input, extensions] of refusals) {
        const response = await send(
          url,
          name,
          { activationId, expectedVersion: versionOf(activationId, version), ...input },
          tokens.nla,
        );
        expect({ name, data: response.data?.[name] ?? null }).toEqual({ name, data: null });
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...extensions });
      }

      // A value outside a GraphQL enum never reaches a resolver.
      const badEnum = await send(
        url,
        'imposeIntervention',
        { activationId, interventionType: 'SPANKING', description: 'x' },
        tokens.nla,
      );
      expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badEnum.errors?.[0].message).toMatch(/SPANKING/);

      // Nothing was written: a command based on the version from before all of them still fits.
      const valid = await send(
        url,
        'recordFinding',
        finding(activationId, { expectedVersion: versionOf(activationId, version) }),
        tokens.nla,
      );
      expect(valid.errors).toBeUndefined();
      expect(valid.result).toMatchObject({ version: versionOf(activationId, version + 1), duplicate: false });
    });
  });

  describe('concurrency and idempotency', () => {
    it('lets one of two commands based on the same version win; the other gets CONFLICT', async () => {
      const { activationId, version } = await openWithMunicipality();
      const [nla, gemeente] = await Promise.all([
        send(
          url,
          'recordFinding',
          finding(activationId, { expectedVersion: versionOf(activationId, version) }),
          tokens.nla,
        ),
        send(
          url,
          'recordFinding',
          finding(activationId, { expectedVersion: versionOf(activationId, version) }),
          tokens.gemeente,
        ),
      ]);
      const answers = [nla, gemeente];
      const won = answers.filter((a) => a.result);
      const lost = answers.filter((a) => a.errors);
      expect(won).toHaveLength(1);
      expect(won[0].result).toMatchObject({ version: versionOf(activationId, version + 1) });
      expect(lost).toHaveLength(1);
      expect(lost[0].errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'STREAM_VERSION_CONFLICT',
      });
    });

    it('treats inviting twice as done: no events, the same version', async () => {
      const { activationId, version } = await openWithMunicipality();
      const first = await send(url, 'inviteAgency', { activationId, agency: 'UWV' }, tokens.nla);
      expect(first.result).toEqual({
        activationId,
        version: versionOf(activationId, version + 1),
        eventIds: [expect.any(String)],
        duplicate: false,
      });
      const again = await send(url, 'inviteAgency', { activationId, agency: 'UWV' }, tokens.gemeente);
      expect(again.errors).toBeUndefined();
      expect(again.result).toEqual({
        activationId,
        version: versionOf(activationId, version + 1),
        eventIds: [],
        duplicate: false,
      });
    });

    it('answers a retried command whose ids the server chose with the first result, not CONFLICT', async () => {
      const { activationId, version } = await openWithMunicipality();
      const retried = {
        activationId,
        commandId: randomUUID(),
        interventionType: 'WARNING',
        description: 'Clear the escape route.',
      };
      const first = await send(url, 'imposeIntervention', retried, tokens.nla);
      const again = await send(url, 'imposeIntervention', retried, tokens.nla);
      expect(first.result).toMatchObject({ version: versionOf(activationId, version + 1), duplicate: false });
      expect(again.errors).toBeUndefined();
      expect(again.result).toEqual({ ...first.result, duplicate: true });
      // The server took the commandId as the intervention id, so the client knows it without being told.
      const reuse = await send(
        url,
        'imposeIntervention',
        { ...retried, commandId: randomUUID(), interventionId: retried.commandId },
        tokens.nla,
      );
      expect(reuse.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID' });
    });
  });

  describe('domain rules', () => {
    it('keeps one person per subject and a municipality within its safety region, writing nothing when refused', async () => {
      const { activationId, version } = await openWithMunicipality();
      const signal = (subjects: Record<string, unknown>[]) =>
        send(
          url,
          'recordSignal',
          { activationId, source: { kind: 'ANONYMOUS' }, description: 'Wages paid in cash.', subjects },
          tokens.nla,
        );
      expect((await signal([{ subjectId: 'w1', bsn: '111222333' }])).errors).toBeUndefined();
      // Neither the BSN on record nor the other subject's id is told.
      for (const [subjects, untold] of [
        [[{ subjectId: 'w1', bsn: '123456782' }], '111222333'],
        [[{ subjectId: 'w2', bsn: '111222333' }], 'w1'],
      ] as const) {
        const refused = await signal([...subjects]);
        expect(refused.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'SUBJECT_CONFLICT',
          field: 'subjects[0].bsn',
        });
        expect(refused.errors?.[0].message).not.toContain(untold);
      }
      const misplaced = await send(
        url,
        'openActivation',
        openPreventiveInput({ region: 'VR09', municipality: 'GM0599' }),
        tokens.nla,
      );
      expect(misplaced.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'municipality',
      });
      expect(misplaced.errors?.[0].message).toBe(
        'GM0599 (Rotterdam) lies in safety region VR17, not VR09; correct the region to VR17 or name a municipality of VR09.',
      );
      // Only the first signal was written.
      const next = await send(
        url,
        'recordFinding',
        finding(activationId, { expectedVersion: versionOf(activationId, version + 1) }),
        tokens.nla,
      );
      expect(next.errors).toBeUndefined();
    });

    it('refuses to close without a report, and takes no findings once closed', async () => {
      const { activationId } = await openWithMunicipality();
      const close = () => send(url, 'closeActivation', { activationId, outcome: 'Done.' }, tokens.nla);
      expect((await close()).errors?.[0].extensions).toMatchObject({
        code: 'DOMAIN_RULE',
        reason: 'REPORT_REQUIRED',
      });
      const report = { activationId, summary: 'Visited once.', outcome: 'Nothing wrong.' };
      expect((await send(url, 'fileReport', report, tokens.nla)).errors).toBeUndefined();
      expect((await close()).errors).toBeUndefined();
      const late = await send(url, 'recordFinding', finding(activationId), tokens.nla);
      expect(late.errors?.[0].extensions).toMatchObject({ code: 'DOMAIN_RULE', reason: 'ACTIVATION_CLOSED' });
    });

    it('keeps the lead at the table and escalation tied to a confirmed infection', async () => {
      const { activationId } = await openWithMunicipality();
      const leave = await send(url, 'leaveActivation', { activationId }, tokens.nla);
      expect(leave.errors?.[0].extensions).toMatchObject({
        code: 'DOMAIN_RULE',
        reason: 'LEAD_AGENCY_CANNOT_LEAVE',
      });
      const notInfected = finding(activationId, { confirmedInfection: false });
      expect((await send(url, 'recordFinding', notInfected, tokens.nla)).errors).toBeUndefined();
      const escalate = await send(
        url,
        'escalateActivation',
        { activationId, triggeredBy: { kind: 'FINDING', id: notInfected.findingId } },
        tokens.nla,
      );
      expect(escalate.errors?.[0].extensions).toMatchObject({
        code: 'DOMAIN_RULE',
        reason: 'CONFIRMED_INFECTION_REQUIRED',
        field: 'triggeredBy.id',
      });
    });
  });
});
