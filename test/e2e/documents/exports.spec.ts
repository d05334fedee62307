import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { eventually, FeedsScenario } from '../feeds/feeds.fixture.js';
import { graphql } from '../../support/graphql-client.js';

const SHARED = 'export-kas-shared';
const OWN = 'export-kas-own';
const EMPLOYER = 'Café Zoë & Zn. BV';

interface GeneratedDocument {
  fileName: string;
  contentType: string;
  byteLength: number;
  base64: string;
}

const EXPORT = (query: string) => `query ($format: ExportFormat) {
  ${query}(format: $format) { fileName contentType byteLength base64 }
}`;

/** CSV as a spreadsheet program reads it: the byte order mark first, then RFC 4180 records. */
function readCsv(bytes: Buffer): Record<string, string>[] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('\r\n');
  return parse(bytes, { bom: true, columns: true, skip_empty_lines: true });
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The activation list and the figures as CSV and as an Excel workbook, read back by libraries of their own. */
describe('exports of the activation list and the figures', () => {
  const scenario = new FeedsScenario();

  const exported = async (agency: string, query: string, format?: string | null) => {
    const { data, errors } = await graphql<Record<string, GeneratedDocument>>(
      scenario.url,
      EXPORT(query),
      format === undefined ? {} : { format },
      scenario.tokens[agency],
    );
    expect(errors).toBeUndefined();
    const doc = data![query];
    const bytes = Buffer.from(doc.base64, 'base64');
    expect(doc.byteLength).toBe(bytes.length);
    return { doc, bytes };
  };

  beforeAll(async () => {
    await scenario.start();
    await scenario.openActivation(SHARED, { region: 'VR17', municipality: 'GM0599', joining: ['BD'] });
    await scenario.act('NLA', 'openActivation', {
      activationId: OWN,
      title: 'Uitzendkracht zonder contract',
      kind: 'PREVENTIVE',
      trigger: 'EXTERNAL_REPORT',
      themes: ['WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      location: { address: 'Kerkstraat 1', postcode: '3011 AB', city: 'Rotterdam' },
      employer: { name: EMPLOYER, kvkNumber: '87654321' },
    });
    const ids = async (agency: string) => {
      const { data } = await graphql<{ activations: { edges: { node: { id: string } }[] } }>(
        scenario.url,
        '{ activations(first: 100) { edges { node { id } } } }',
        {},
        scenario.tokens[agency],
      );
      return data?.activations.edges.map((e) => e.node.id) ?? [];
    };
    await eventually(async () => (await ids('NLA')).includes(OWN), 15_000);
    await eventually(async () => (await ids('BD')).includes(SHARED), 15_000);
  }, 180_000);

  afterAll(() => scenario.stop());

  it('gives NLA every activation it sees as CSV, accents intact', async () => {
    const { doc, bytes } = await exported('NLA', 'activationsExport');
    expect(doc).toMatchObject({ fileName: 'activaties.csv', contentType: 'text/csv; charset=utf-8' });
    const rows = readCsv(bytes);
    expect(rows.map((row) => row.activatie).sort()).toEqual([OWN, SHARED].sort());
    expect(rows.find((row) => row.activatie === OWN)).toMatchObject({
      werkgever: EMPLOYER,
      titel: 'Uitzendkracht zonder contract',
      zaaknummer: expect.stringMatching(/^VR17-\d{4}-\d{4}$/),
      'KvK-nummer': '87654321',
      adres: 'Kerkstraat 1',
      soort: 'PREVENTIVE',
      aanleiding: 'EXTERNAL_REPORT',
    });
  });

  it('gives BD only what BD sees, and says what it may not see', async () => {
    const rows = readCsv((await exported('BD', 'activationsExport', null)).bytes);
    expect(rows.map((row) => row.activatie)).toEqual([SHARED]);
    // BD holds EMPLOYER but not LOCATION.
    expect(rows[0]).toMatchObject({
      werkgever: 'Kas BV',
      adres: 'niet zichtbaar voor uw organisatie',
      plaats: 'niet zichtbaar voor uw organisatie',
    });
    expect(rows[0]['niet zichtbaar (categorieën)']).toContain('LOCATION');
  });

  it('gives the activation list as a workbook the library opens again', async () => {
    const { doc, bytes } = await exported('NLA', 'activationsExport', 'XLSX');
    expect(doc.fileName).toBe('activaties.xlsx');
    const sheet = (await readWorkbook(bytes)).getWorksheet('Activaties')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('activatie');
    const ids = [2, 3].map((row) => sheet.getRow(row).getCell(1).value);
    expect(ids.sort()).toEqual([OWN, SHARED].sort());
    expect(sheet.rowCount).toBe(3);
  });

  it('gives the figures as CSV and as a workbook, equal to the statistics query', async () => {
    const { data } = await graphql<{
      statistics: { total: number; byKind: { key: string; count: number }[] };
    }>(scenario.url, '{ statistics { total byKind { key count } } }', {}, scenario.tokens.NLA);
    const rows = readCsv((await exported('NLA', 'statisticsExport')).bytes);
    expect(rows.find((row) => row.indeling === 'Totaal')).toEqual({
      indeling: 'Totaal',
      waarde: 'totaal',
      activaties: String(data!.statistics.total),
    });
    expect(data!.statistics.total).toBe(2);
    for (const { key, count } of data!.statistics.byKind) {
      expect(rows).toContainEqual({ indeling: 'Soort', waarde: key, activaties: String(count) });
    }
    const workbook = await readWorkbook((await exported('NLA', 'statisticsExport', 'XLSX')).bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Totaal',
      'Soort',
      'Thema',
      'Aanleiding',
      'Integrale inzet',
      'Zwaarste maatregel',
      'Veiligheidsregio',
      'Maand',
      'Maatregelen',
      'Boetes',
      'Doorverwijzingen',
      'Inspecties',
      'Bevindingen',
      'Doorlooptijd',
      'Deelnemende organisaties',
      'Niet zichtbaar',
    ]);
    expect(workbook.getWorksheet('Totaal')!.getRow(2).getCell(2).value).toBe(2);
  });

  it('refuses a format it does not know, naming the enum of the formats', async () => {
    const { errors } = await graphql(
      scenario.url,
      EXPORT('activationsExport'),
      { format: 'PDF' },
      scenario.tokens.NLA,
    );
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0].message).toMatch(/ExportFormat/);
  });
});
