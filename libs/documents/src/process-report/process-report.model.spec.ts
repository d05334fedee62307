import { processReport, ProcessReportInput } from './process-report.model.js';
import { processReportHtml } from './process-report.html.js';

const input = (overrides: Partial<ProcessReportInput> = {}): ProcessReportInput => ({
  viewer: 'BD',
  generatedAt: new Date('2026-12-02T09:30:00Z'),
  activation: {
    id: 'act-1',
    kind: 'REPRESSIVE',
    trigger: 'OWN_OBSERVATION',
    themes: ['HOUSING'],
    region: 'VR17',
    municipality: 'GM0599',
    status: 'IN_PROGRESS',
    leadAgency: 'NLA',
    participants: ['NLA', 'BD'],
    integratedDeployment: null,
    outcome: null,
    location: null,
    employer: { name: 'Kas BV', kvkNumber: '12345678' },
    withheld: ['LOCATION'],
    openedAt: new Date('2026-11-30T08:00:00Z'),
    closedAt: null,
  },
  timeline: [
    {
      occurredAt: new Date('2026-11-30T09:00:00Z'),
      actingAgency: 'NLA',
      type: 'finding.recorded',
      payload: {
        findingId: 'f-1',
        category: 'EMPLOYER',
        description: null,
        subjects: [{ subjectId: 'p-1', name: null }],
      },
      withheld: ['PERSONAL'],
    },
  ],
  ...overrides,
});

describe('the process report', () => {
  it('says of every withheld value that it is not visible, and names the withheld categories', () => {
    const report = processReport(input());
    const rows = report.sections.flatMap((s) => s.items.flatMap((i) => i.rows));
    expect(rows).toEqual(
      expect.arrayContaining([
        { label: 'locatie', value: 'niet zichtbaar voor uw organisatie' },
        { label: 'werkgever', value: 'naam: Kas BV; KvK-nummer: 12345678' },
        { label: 'omschrijving', value: 'niet zichtbaar voor uw organisatie' },
        { label: 'betrokkenen 1 · naam', value: 'niet zichtbaar voor uw organisatie' },
        { label: 'niet zichtbaar', value: 'gegevens van categorie PERSONAL' },
        { label: 'niet zichtbaar', value: 'gegevens van categorie LOCATION' },
      ]),
    );
    expect(report.running).toBe(
      'Activatie act-1 · procesverslag voor BD · geopend 30-11-2026 · gemaakt 2 december 2026 om 10:30',
    );
  });

  it('lists attachments as the agency sees them, and every kind of correction', () => {
    const attached = (title: unknown, rest: Record<string, unknown>, withheld: string[]) => ({
      occurredAt: new Date('2026-12-01T10:00:00Z'),
      actingAgency: 'NLA',
      type: 'document.attached',
      payload: { attachmentId: rest.sha256 ? 'a-1' : null, attachedBy: 'NLA', title, ...rest },
      withheld,
    });
    const report = processReport(
      input({
        timeline: [
          attached(
            { text: 'Proces-verbaal', categories: ['EMPLOYER'] },
            { contentType: 'application/pdf', byteLength: 12345, sha256: 'ab'.repeat(32) },
            [],
          ),
          attached(null, { contentType: null, byteLength: null, sha256: null }, ['PERSONAL']),
          {
            occurredAt: new Date('2026-12-01T11:00:00Z'),
            actingAgency: 'NLA',
            type: 'finding.corrected',
            payload: { findingId: 'f-1', reason: { text: 'Verkeerde categorie', categories: ['CASE'] } },
            withheld: [],
          },
          {
            occurredAt: new Date('2026-12-01T12:00:00Z'),
            actingAgency: 'NLA',
            type: 'subject.correction-recorded',
            payload: { subjectId: 'p-1' },
            withheld: [],
          },
        ],
      }),
    );
    const attachments = report.sections.find((s) => s.heading === 'Bijlagen')!;
    expect(attachments.items).toHaveLength(2);
    expect(attachments.items[0].rows).toEqual(
      expect.arrayContaining([
        { label: 'titel', value: 'Proces-verbaal' },
        { label: 'soort bestand', value: 'application/pdf' },
        { label: 'grootte', value: '12.345 bytes' },
        { label: 'SHA-256', value: 'ab'.repeat(32) },
      ]),
    );
    expect(attachments.items[1].rows).toEqual(
      expect.arrayContaining([
        { label: 'titel', value: 'niet zichtbaar voor uw organisatie' },
        { label: 'SHA-256', value: 'niet zichtbaar voor uw organisatie' },
        { label: 'niet zichtbaar', value: 'gegevens van categorie PERSONAL' },
      ]),
    );
    const corrections = report.sections.find((s) => s.heading === 'Correcties')!;
    expect(corrections.items.map((item) => item.title)).toEqual([
      expect.stringContaining('Bevinding gecorrigeerd'),
      expect.stringContaining('subject.correction-recorded'),
    ]);
  });

  it('prints a narrative by its text and says when a section is empty', () => {
    const report = processReport(
      input({
        timeline: [
          {
            occurredAt: new Date('2026-12-01T10:00:00Z'),
            actingAgency: 'NLA',
            type: 'report.filed',
            payload: { reportId: 'r-1', summary: { text: 'Eindverslag', categories: ['REPORT'] } },
            withheld: [],
          },
        ],
      }),
    );
    const verslag = report.sections.find((s) => s.heading === 'Verslag')!;
    expect(verslag.items[0].rows).toContainEqual({ label: 'samenvatting', value: 'Eindverslag' });
    expect(report.sections.find((s) => s.heading === 'Maatregelen')!.items).toEqual([]);
  });

  it('escapes what people typed when it is laid out as HTML', () => {
    const html = processReportHtml(
      processReport(
        input({ activation: { ...input().activation, employer: { name: '<script>x</script>' } } }),
      ),
    );
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
