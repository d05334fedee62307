import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import { graphql } from '../../support/graphql-client.js';
import { tokenFor } from '../../support/test-tokens.js';

const ACTIVATION = 'process-report-kas';
const PERSON = { subjectId: 'p-rep-1', name: 'Jan Kowalski', bsn: '111222333', nationality: 'PL' };

const pdfOf = (size: number, fill: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(size, fill)]);
const EMPLOYER_PDF = pdfOf(4000, 0x20);
const PERSONAL_PDF = pdfOf(5000, 0x0a);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface GeneratedDocument {
  fileName: string;
  contentType: string;
  byteLength: number;
  sha256: string;
  base64: string;
}

const REPORT = `query ($activationId: ID!, $format: DocumentFormat) {
  processReport(activationId: $activationId, format: $format) { fileName contentType byteLength sha256 base64 }
}`;

/** The text of a PDF, read by poppler's pdftotext: a reader that is not the library that wrote it. */
function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8');
}

/**
 * The process report (procesverslag) of an activation, made through the api for two agencies: NLA, which
 * holds PERSONAL and HEALTH, and BD, which holds neither. Each report holds what that agency may read and
 * says what it may not.
 */
describe('the process report of an activation', () => {
  const scenario = new FeedsScenario();
  let lastEvent: string;

  const report = async (agency: string, format: 'PDF' | 'HTML', activationId = ACTIVATION) =>
    graphql<{ processReport: GeneratedDocument }>(
      scenario.url,
      REPORT,
      { activationId, format },
      scenario.tokens[agency],
    );
  const bytesOf = (doc: GeneratedDocument) => Buffer.from(doc.base64, 'base64');

  beforeAll(async () => {
    await scenario.start();
    await scenario.openActivation(ACTIVATION, { region: 'VR17', municipality: 'GM0599', joining: ['BD'] });
    await scenario.act('NLA', 'recordFinding', {
      activationId: ACTIVATION,
      findingId: 'rep-f-personal',
      category: 'PERSONAL',
      description: 'Niet ingeschreven in de BRP marker-personal',
      subjects: [PERSON],
    });
    const [employerFinding] = await scenario.act('NLA', 'recordFinding', {
      activationId: ACTIVATION,
      findingId: 'rep-f-employer',
      category: 'EMPLOYER',
      description: 'Werkgever laat huisvesting via het uitzendbureau lopen marker-employer.',
      subjects: [PERSON],
    });
    await scenario.act('NLA', 'imposeIntervention', {
      activationId: ACTIVATION,
      interventionId: 'rep-fine',
      interventionType: 'FINE',
      description: 'Boete onderbetaling marker-fine',
      amountEuroCents: 1_200_000,
    });
    // A correction (AVG art. 16): the process report lists it under Correcties.
    await scenario.act('NLA', 'correctFinding', {
      activationId: ACTIVATION,
      findingId: 'rep-f-employer',
      description: 'Werkgever laat huisvesting via het uitzendbureau lopen marker-employer marker-corrected.',
      // It speaks of the worker's housing, as the original did: BD, without PERSONAL, reads neither.
      descriptionCategories: ['EMPLOYER', 'PERSONAL'],
      reason: 'Verkeerd overgenomen marker-correction-reason',
    });
    // Two documents: one of EMPLOYER data (BD holds EMPLOYER), one naming persons (BD holds no PERSONAL).
    for (const [marker, categories, bytes] of [
      ['marker-attach-employer', ['EMPLOYER'], EMPLOYER_PDF],
      ['marker-attach-personal', ['PERSONAL'], PERSONAL_PDF],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'pv.pdf');
      const response = await fetch(`${scenario.url}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scenario.tokens.NLA}` },
        body: form,
      });
      expect(response.status).toBe(201);
      const { uploadId } = (await response.json()) as { uploadId: string };
      const { errors } = await graphql(
        scenario.url,
        'mutation ($input: AttachDocumentInput!) { attachDocument(input: $input) { eventIds } }',
        { input: { activationId: ACTIVATION, uploadId, title: `Proces-verbaal ${marker}`, categories } },
        scenario.tokens.NLA,
      );
      expect(errors).toBeUndefined();
    }
    [lastEvent] = await scenario.act('NLA', 'fileReport', {
      activationId: ACTIVATION,
      reportId: 'rep-report',
      summary: 'Eindverslag marker-report',
      outcome: 'Boete opgelegd, huisvesting verbeterd.',
    });
    // Both agencies' read models hold what they may see of the activation's last events.
    const seen = (agency: string, eventId: string) =>
      eventually(async () => {
        const { data } = await graphql<{ timeline: { edges: { node: { eventId: string } }[] } }>(
          scenario.url,
          'query ($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { eventId } } } }',
          { id: ACTIVATION },
          scenario.tokens[agency],
        );
        return data?.timeline.edges.some((e) => e.node.eventId === eventId) === true;
      }, 15_000).catch((error: Error) => {
        throw new Error(`${agency}'s timeline does not show ${eventId}: ${error.message}`);
      });
    await seen('NLA', lastEvent);
    await seen('BD', employerFinding);
  }, 180_000);

  afterAll(() => scenario.stop());

  it('holds for NLA what NLA may read: persons, the findings, the fine and the report', async () => {
    const { data, errors } = await report('NLA', 'PDF');
    expect(errors).toBeUndefined();
    const doc = data!.processReport;
    expect(doc).toMatchObject({
      fileName: `procesverslag-${ACTIVATION}.pdf`,
      contentType: 'application/pdf',
    });
    const bytes = bytesOf(doc);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(doc.byteLength).toBe(bytes.length);
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const text = pdfText(bytes);
    for (const expected of [
      `Procesverslag activatie ${ACTIVATION}`,
      'Gegevens van de activatie',
      'Jan Kowalski',
      '111222333',
      'marker-personal',
      'marker-employer',
      'marker-fine',
      'Eindverslag marker-report',
      'Maatregel opgelegd',
      'Verslag ingediend',
      'Bijlagen',
      'Proces-verbaal marker-attach-employer',
      'Proces-verbaal marker-attach-personal',
      sha256(EMPLOYER_PDF),
      sha256(PERSONAL_PDF),
      `${EMPLOYER_PDF.length.toLocaleString('nl-NL')} bytes`,
      'application/pdf',
      'Correcties',
      'Bevinding gecorrigeerd',
      'marker-corrected',
      'marker-correction-reason',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/zaaknummer: VR17-\d{4}-\d{4}/);
    // Every page names the case and its number.
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    pages.forEach((page, index) => {
      expect(page).toMatch(new RegExp(`Zaak VR17-\\d{4}-\\d{4} · Activatie ${ACTIVATION}`));
      expect(page).toContain(`pagina ${index + 1} van ${pages.length}`);
      expect(page).toMatch(/geopend \d{1,2}-\d{1,2}-\d{4} · gemaakt \d{1,2} \w+ \d{4}/);
    });
  });

  it.each(['PDF', 'HTML'] as const)(
    'holds for BD (no PERSONAL, INTERVENTION or REPORT) nothing BD may not read, and says so (%s)',
    async (format) => {
      const { data, errors } = await report('BD', format);
      expect(errors).toBeUndefined();
      const bytes = bytesOf(data!.processReport);
      const text = format === 'PDF' ? pdfText(bytes) : bytes.toString('utf8');
      for (const hidden of [
        'Kowalski',
        '111222333',
        'marker-personal',
        'marker-fine',
        'marker-report',
        'marker-attach-personal',
        sha256(PERSONAL_PDF),
        `${PERSONAL_PDF.length.toLocaleString('nl-NL')} bytes`,
      ]) {
        expect(text).not.toContain(hidden);
      }
      // The attachment of EMPLOYER data BD sees whole; of the other it learns only that it exists.
      expect(text).toContain('Bijlagen');
      expect(text).toContain('Proces-verbaal marker-attach-employer');
      expect(text).toContain(sha256(EMPLOYER_PDF));
      expect(text).toContain('niet zichtbaar voor uw organisatie');
      expect(text).toContain(`Procesverslag activatie ${ACTIVATION}`);
      // BD learns of the employer finding, an EMPLOYER event; its text names a person's case (it carries
      // persons, so by default it is PERSONAL) and is withheld with them.
      expect(text).toContain('Bevinding vastgelegd');
      expect(text).not.toContain('marker-employer');
      if (format === 'HTML') {
        expect(data!.processReport.contentType).toBe('text/html; charset=utf-8');
        expect(text).toMatch(/^<!doctype html>\n<html lang="nl">/);
      }
    },
  );

  it('answers an agency that does not take part exactly as it answers an id that exists nowhere', async () => {
    const outsider = await report('UWV', 'PDF');
    const absent = await report('UWV', 'PDF', 'process-report-nowhere');
    expect(outsider.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(outsider.errors).replaceAll(ACTIVATION, '<id>')).toBe(
      JSON.stringify(absent.errors).replaceAll('process-report-nowhere', '<id>'),
    );
  });

  it('records in the access log the persons the report discloses, for the agency that made it', async () => {
    await report('NLA', 'HTML');
    const lines: { agency: string; categories: string[] }[] = await scenario.database.dataSource.query(
      `SELECT agency, categories FROM access_log WHERE activation_id = $1 AND operation = 'processReport'`,
      [ACTIVATION],
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((line) => line.agency))).toEqual(new Set(['NLA']));
    expect(lines.flatMap((line) => line.categories)).toContain('PERSONAL');
  });

  it('refuses a policy admin, who reads no case data', async () => {
    const admin = await tokenFor({ userId: 'beleid@bd', agency: 'BD', role: 'POLICY_ADMIN' });
    const { errors } = await graphql(scenario.url, REPORT, { activationId: ACTIVATION }, admin);
    expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
