import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadDemo, signedWith } from '../../deploy/demo/demo-loader.js';
import { startApi } from '../support/api-app.js';
import { testEnvironment } from '../support/test-env.js';
import { testTokenIssuer } from '../support/test-tokens.js';

/** The quick start's demo data goes through the real API; this keeps the scenario valid as the rules evolve. */
describe('demo scenario', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startApi());
  });
  afterAll(() => app?.close());

  it('loads every step through the API, and a second load appends nothing', async () => {
    const env = testEnvironment();
    const signing = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
    const issuer = await testTokenIssuer();
    const first = await loadDemo(url, signedWith(issuer, signing));
    const again = await loadDemo(url, signedWith(issuer, signing));
    expect(first.steps).toBeGreaterThan(30);
    // The demo holds a document: the proces-verbaal of the building-site case, stored and attached.
    const db = await new DataSource({ type: 'postgres', url: env.DATABASE_URL }).initialize();
    try {
      const attached: { content_type: string; categories: string[] }[] = await db.query(
        `SELECT content_type, categories FROM attachments
         WHERE activation_id = 'demo-vr17-bouwplaats' AND attached_at IS NOT NULL`,
      );
      expect(attached).toEqual([{ content_type: 'application/pdf', categories: ['PERSONAL', 'REPORT'] }]);
    } finally {
      await db.destroy();
    }
    // Two regions, both kinds, every finding category: checked on the data the scenario sends.
    expect(again.appended).toBe(0);
    expect(first.tokens.map(({ user }) => user.role)).toEqual(
      expect.arrayContaining([
        'INSPECTOR',
        'COORDINATOR',
        'AGENCY_SYSTEM',
        'POLICY_ADMIN',
        'PRIVACY_OFFICER',
      ]),
    );
  });
});
