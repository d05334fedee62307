import { INestApplication } from '@nestjs/common';
import { activationStreamId, configuredEventStore } from '#events';
import { loadConfig } from '#platform';
import { startApi } from '../../support/api-app.js';
import { openTestDataSource } from '../../support/test-database.js';
import { openPreventiveInput, scenarioTokens, send, versionOf } from './activation-mutations.fixture.js';

/** The stored data of an activation's events, read through the event store (personal values opened). */
async function storedEvents(
  activationId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const db = await openTestDataSource(1);
  try {
    const events = await configuredEventStore(db, loadConfig()).readStream(activationStreamId(activationId));
    return events.map(({ type, data }) => ({ type, data: data as Record<string, unknown> }));
  } finally {
    await db.destroy();
  }
}

/**
 * Inputs as people type them (codes in any case, a BSN with dots, a Dutch local time, a fine beyond a
 * 32-bit Int, no lead agency), and every refusal in one shape: code, reason, field and a sentence.
 */
describe('inputs as people type them, and one error shape', () => {
  let app: INestApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof scenarioTokens>>;

  beforeAll(async () => {
    ({ app, url } = await startApi());
    tokens = await scenarioTokens();
  });
  afterAll(() => app?.close());

  it('takes lower-case codes, a BSN with dots, a local time, a large fine, and leads with the opener', async () => {
    const { leadAgency: _lead, ...input } = openPreventiveInput({ region: 'vr17', municipality: 'gm0599' });
    const opened = await send(url, 'openActivation', input, tokens.nla);
    expect(opened.errors).toBeUndefined();
    const { activationId } = input;
    const steps = [
      await send(
        url,
        'recordFinding',
        {
          activationId,
          findingId: 'f-1',
          category: 'PERSONAL',
          description: 'Worker in the shed.',
          subjects: [{ subjectId: 'w-1', name: 'Jan Kowalski', bsn: '6281.94.821', birthDate: '23-4-1990' }],
        },
        tokens.nla,
      ),
      await send(
        url,
        'scheduleInspection',
        {
          activationId,
          inspectionId: 'i-1',
          plannedAt: '3-12-2026 09:30',
          location: { address: 'Kasweg 12', city: 'Rotterdam' },
        },
        tokens.nla,
      ),
      await send(
        url,
        'imposeIntervention',
        {
          activationId,
          interventionId: 'fine-1',
          interventionType: 'FINE',
          description: 'Boete.',
          amountEuroCents: '2500000000',
        },
        tokens.nla,
      ),
    ];
    for (const step of steps) expect(step.errors).toBeUndefined();
    const events = await storedEvents(activationId);
    expect(events[0].data).toMatchObject({ region: 'VR17', municipality: 'GM0599', leadAgency: 'NLA' });
    expect(events[1].data).toMatchObject({
      subjects: [{ bsn: '628194821', birthDate: '1990-04-23' }],
    });
    expect(events[2].data).toMatchObject({ plannedAt: '2026-12-03T09:30:00+01:00' });
    expect(events[3].data).toMatchObject({ amountEuroCents: 2_500_000_000 });
  });

  it('answers a class-validator refusal in the shape of a domain refusal', async () => {
    const input = openPreventiveInput({ region: 'VR26' });
    const { errors } = await send(url, 'openActivation', input, tokens.nla);
    expect(errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The input is not valid: .*VR01 to VR25.*\.$/),
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT', field: 'region' },
    });
  });

  it('refuses 000000000 as a BSN, naming the field', async () => {
    const input = openPreventiveInput();
    expect((await send(url, 'openActivation', input, tokens.nla)).errors).toBeUndefined();
    const { errors } = await send(
      url,
      'recordFinding',
      {
        activationId: input.activationId,
        findingId: 'f-0',
        category: 'PERSONAL',
        description: 'x',
        subjects: [{ subjectId: 'w-0', bsn: '000000000' }],
      },
      tokens.nla,
    );
    expect(errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_INPUT',
      field: 'subjects[0].bsn',
    });
  });

  it('gives CONFLICT with the current opaque version, naming no stream', async () => {
    const input = openPreventiveInput();
    expect((await send(url, 'openActivation', input, tokens.nla)).errors).toBeUndefined();
    const ahead = versionOf(input.activationId, 999);
    const { errors } = await send(
      url,
      'inviteAgency',
      { activationId: input.activationId, agency: 'UWV', expectedVersion: ahead },
      tokens.nla,
    );
    const current = versionOf(input.activationId, 1);
    expect(errors?.[0]).toMatchObject({
      extensions: {
        code: 'CONFLICT',
        reason: 'STREAM_VERSION_CONFLICT',
        field: 'expectedVersion',
        currentVersion: current,
      },
    });
    expect(errors?.[0].message).toContain(current);
    expect(errors?.[0].message).not.toMatch(/activation-|999/);
  });
});
