import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { startApi } from '../../support/api-app.js';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';
import { versionOf } from './activation-mutations.fixture.js';

const OPEN = `mutation Open($input: OpenActivationInput!) {
  openActivation(input: $input) { activationId version eventIds duplicate }
}`;

describe('openActivation over HTTP with real tokens', () => {
  let app: INestApplication;
  let url: string;
  let inspector: string;

  beforeAll(async () => {
    ({ app, url } = await startApi());
    inspector = await tokenFor({ userId: 'insp-1', agency: 'NLA', role: 'INSPECTOR' });
  });
  afterAll(() => app?.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    activationId: randomUUID(),
    kind: 'PREVENTIVE',
    title: 'Bouwplaats Havenweg',
    trigger: 'OWN_OBSERVATION',
    themes: ['HOUSING', 'WORK'],
    region: 'VR17',
    municipality: 'GM0599',
    leadAgency: 'NLA',
    employer: { name: 'Kas BV', kvkNumber: '12345678' },
    ...overrides,
  });

  it('opens an activation and answers its id, version and event ids', async () => {
    const given = input();
    const { data, errors } = await graphql(url, OPEN, { input: given }, inspector);
    expect(errors).toBeUndefined();
    expect(data?.openActivation).toEqual({
      activationId: given.activationId,
      version: versionOf(given.activationId, 1),
      eventIds: [expect.any(String)],
      duplicate: false,
    });
  });

  it('answers a repeated commandId with the first result and appends nothing', async () => {
    const given = { ...input(), commandId: randomUUID() };
    const first = await graphql(url, OPEN, { input: given }, inspector);
    const again = await graphql(url, OPEN, { input: given }, inspector);
    expect(again.errors).toBeUndefined();
    expect(again.data?.openActivation).toEqual({
      ...(first.data?.openActivation as object),
      duplicate: true,
    });
  });

  it('answers a retry that left the activation id to the server with the same activation', async () => {
    const { activationId: _chosenByServer, ...given } = { ...input(), commandId: randomUUID() };
    const first = await graphql<{ openActivation: { activationId: string } }>(
      url,
      OPEN,
      { input: given },
      inspector,
    );
    const again = await graphql<{ openActivation: { activationId: string } }>(
      url,
      OPEN,
      { input: given },
      inspector,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data?.openActivation).toEqual({ ...first.data?.openActivation, duplicate: true });
    expect(first.data?.openActivation.activationId).toBe(given.commandId);
  });

  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    const response = await graphql(url, OPEN, { input: input() });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(/Authorization: Bearer/);
  });

  it('refuses invalid input naming the field, and writes nothing', async () => {
    const given = input({ region: 'VR26', municipality: 'Rotterdam' });
    const response = await graphql(url, OPEN, { input: given }, inspector);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/region must be a safety region VR01 to VR25/);
    expect(response.errors?.[0].message).toMatch(/municipality must be a CBS code/);
    const retry = await graphql(
      url,
      OPEN,
      { input: { ...given, region: 'VR17', municipality: 'GM0599' } },
      inspector,
    );
    expect(retry.data?.openActivation).toMatchObject({ version: versionOf(given.activationId, 1) });
  });

  it('refuses expired tokens and tokens that never expire with 401', async () => {
    for (const expiresIn of [-60, null]) {
      const token = await tokenFor({ userId: 'insp-1', agency: 'NLA', role: 'INSPECTOR' }, { expiresIn });
      const response = await graphql(url, OPEN, { input: input() }, token);
      expect({ expiresIn, status: response.status, code: response.errors?.[0].extensions?.code }).toEqual({
        expiresIn,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('refuses a role that does not work cases with FORBIDDEN', async () => {
    const admin = await tokenFor({ userId: 'pa-1', agency: 'NLA', role: 'POLICY_ADMIN' });
    const response = await graphql(url, OPEN, { input: input() }, admin);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});
