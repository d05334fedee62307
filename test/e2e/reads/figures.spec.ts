import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { getNamedType, type GraphQLField, isLeafType, isNonNullType } from 'graphql';
import { loadDemo, signedWith } from '../../../deploy/demo/demo-loader.js';
import { startApi } from '../../support/api-app.js';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { testEnvironment } from '../../support/test-env.js';
import { testTokenIssuer, tokenFor } from '../../support/test-tokens.js';
import { startWorker } from '../../support/worker-app.js';
import { eventually, SocketClient } from '../feeds/feeds.fixture.js';

interface Expected {
  role: string;
  total: number;
  measures: Record<string, number>;
  fineTotalEuroCents: number;
  referralsByAgency: Record<string, number>;
  inspections: Record<string, number>;
  findingsByCategory: Record<string, number>;
  closed: number;
  byParticipatingAgency: Record<string, number>;
  notVisible: { figure: string; activations: number; categories: string[] }[];
}

/** The figures of the demo, counted by hand from the scenario (not by the code under test). */
const FIXTURE = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/figures/demo-figures.json'), 'utf8'),
) as { viewers: Record<string, Expected> };

interface Count {
  key: string;
  count: number;
}
interface Figures {
  total: number;
  figures: {
    measures: Count[];
    fineTotalEuroCents: number;
    referralsByAgency: Count[];
    inspections: Count[];
    findingsByCategory: Count[];
    daysToClose: { closed: number; median: number | null; p90: number | null };
    byParticipatingAgency: Count[];
    notVisible: { figure: string; activations: number; categories: string[] }[];
  };
}

const STATISTICS = `{ statistics { total figures {
  measures { key count } fineTotalEuroCents referralsByAgency { key count } inspections { key count }
  findingsByCategory { key count } daysToClose { closed median p90 } byParticipatingAgency { key count }
  notVisible { figure activations categories } } } }`;
const EXPORT = `query ($format: ExportFormat) { statisticsExport(format: $format) { fileName base64 } }`;

const asRecord = (counts: Count[]) => Object.fromEntries(counts.map(({ key, count }) => [key, count]));
/** Keys with a zero count only where the figure has a fixed vocabulary; the fixture lists those too. */
const nonZero = (counts: Count[], fixed: boolean) =>
  asRecord(fixed ? counts : counts.filter((c) => c.count > 0));

/**
 * The accountability figures of the demo scenario per viewer, through the api with the demo agreements:
 * each agency's figures hold what its agreements let it see, and say what they do not count.
 */
describe('accountability figures of the demo scenario', () => {
  const database = new IsolatedDatabase();
  let worker: INestApplication;
  let api: { app: INestApplication; url: string };
  const tokens: Record<string, string> = {};

  const figuresOf = async (viewer: string) => {
    const { data, errors } = await graphql<{ statistics: Figures }>(api.url, STATISTICS, {}, tokens[viewer]);
    expect(errors).toBeUndefined();
    return data!.statistics;
  };

  beforeAll(async () => {
    await database.create();
    worker = await startWorker(database.env);
    api = await startApi(database.env);
    const env = testEnvironment(database.env);
    const issuer = await testTokenIssuer();
    await loadDemo(api.url, signedWith(issuer, { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }));
    for (const [viewer, { role }] of Object.entries(FIXTURE.viewers)) {
      tokens[viewer] = await tokenFor({
        userId: `cijfers@${viewer.toLowerCase()}`,
        agency: viewer,
        role,
        ...(role === 'COORDINATOR' && { region: viewer }),
      });
    }
    // The projector has every viewer's events once the closed case's report and close are in.
    for (const viewer of Object.keys(FIXTURE.viewers)) {
      await eventually(async () => {
        const { figures } = await figuresOf(viewer);
        return (
          figures.inspections.reduce((sum, c) => sum + c.count, 0) ===
          Object.values(FIXTURE.viewers[viewer].inspections).reduce((sum, n) => sum + n, 0)
        );
      }, 30_000);
    }
  }, 240_000);

  afterAll(async () => {
    await api?.app.close();
    await worker?.close();
    await database.drop();
  });

  it.each(Object.keys(FIXTURE.viewers))('equal the hand count for %s', async (viewer) => {
    const expected = FIXTURE.viewers[viewer];
    const { total, figures } = await figuresOf(viewer);
    expect(total).toBe(expected.total);
    expect(asRecord(figures.measures)).toEqual(expected.measures);
    expect(figures.fineTotalEuroCents).toBe(expected.fineTotalEuroCents);
    expect(nonZero(figures.referralsByAgency, false)).toEqual(expected.referralsByAgency);
    expect(asRecord(figures.inspections)).toEqual(expected.inspections);
    expect(nonZero(figures.findingsByCategory, false)).toEqual(expected.findingsByCategory);
    expect(figures.daysToClose.closed).toBe(expected.closed);
    // The demo closes its case within minutes of opening it.
    if (expected.closed > 0) {
      expect(figures.daysToClose.median).toBeLessThan(0.1);
      expect(figures.daysToClose.p90).toBeLessThan(0.1);
    } else {
      expect(figures.daysToClose).toEqual({ closed: 0, median: null, p90: null });
    }
    expect(nonZero(figures.byParticipatingAgency, false)).toEqual(expected.byParticipatingAgency);
    expect(figures.notVisible).toEqual(expected.notVisible);
  });

  it('are all the national team reads: every query and subscription of the schema beyond them and its own agency’s agreements is refused, and no other role of it', async () => {
    // Every root field of the schema, so that a query added later is refused to the national team too, or
    // is named here as one it may make. Required arguments get plausible values of the demo.
    const schema = api.app.get(GraphQLSchemaHost).schema;
    // The figures, and what every member of an agency reads: its own agreements (none pending but to a
    // policy admin) and the register of processing activities, which is public.
    const MAY_READ = [
      'me',
      'serverInfo',
      'statistics',
      'statisticsExport',
      'yearlyReport',
      'agreements',
      'pendingAgreements',
      'processingActivities',
    ];
    // Another agency's agreement is answered as an absent one is (no oracle, no data); the register's entry
    // by id as for anyone (the demo registers no named activity).
    const AS_ABSENT = ['agreement', 'processingActivity'];
    const FIELD_ARGUMENTS: Record<string, Record<string, string>> = {
      agreement: { id: '"demo-nla"' },
      processingActivity: { id: '"case-coordination"' },
    };
    const ARGUMENTS: Record<string, string> = {
      id: '"demo-vr17-kas"',
      activationId: '"demo-vr17-kas"',
      bsn: '"111222333"',
      query: '"Kas"',
      year: String(new Date().getFullYear()),
    };
    const call = (field: GraphQLField<unknown, unknown>) => {
      const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
      const values = { ...ARGUMENTS, ...FIELD_ARGUMENTS[field.name] };
      const args = required.map((arg) => `${arg.name}: ${values[arg.name]}`).join(', ');
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      return `${field.name}${args ? `(${args})` : ''}${selection}`;
    };
    // Every field's answer first, then one comparison, so that a failure names every field that leaks.
    const answers: { field: string; code: unknown; data: unknown }[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const { data, errors } = await graphql(api.url, `{ ${call(field)} }`, {}, tokens.LOTC);
      const code = errors?.[0]?.extensions?.code ?? null;
      answers.push({ field: field.name, code, data: code === null ? 'answered' : (data ?? null) });
    }
    expect(answers).toEqual(
      answers.map(({ field }) =>
        MAY_READ.includes(field)
          ? { field, code: null, data: 'answered' }
          : { field, code: AS_ABSENT.includes(field) ? 'NOT_FOUND' : 'FORBIDDEN', data: null },
      ),
    );
    expect(answers.length).toBeGreaterThan(MAY_READ.length + 10);
    const socket = SocketClient.forToken(api.url, tokens.LOTC);
    try {
      for (const field of Object.values(schema.getSubscriptionType()!.getFields())) {
        const live = socket.subscribe(`subscription { ${call(field)} }`);
        await eventually(() => live.errors.length > 0 || live.closeEvent !== undefined, 10_000);
        expect({
          field: field.name,
          code: live.errors[0]?.extensions?.code,
          received: live.received,
        }).toEqual({
          field: field.name,
          code: 'FORBIDDEN',
          received: [],
        });
        live.stop();
      }
    } finally {
      await socket.dispose();
    }
    // An inspector or coordinator token of the national team is refused outright, and the national role
    // belongs to no other agency.
    for (const claims of [
      { userId: 'x@lotc', agency: 'LOTC', role: 'INSPECTOR' },
      { userId: 'x@lotc', agency: 'LOTC', role: 'COORDINATOR' },
      { userId: 'x@nla', agency: 'NLA', role: 'NATIONAL_COORDINATOR' },
    ]) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(claims)}` },
        body: JSON.stringify({ query: '{ statistics { total } }' }),
      });
      expect(response.status).toBe(401);
    }
  });

  it('are in the CSV export, which a CSV parser reads back', async () => {
    const { data, errors } = await graphql<{ statisticsExport: { base64: string } }>(
      api.url,
      EXPORT,
      { format: 'CSV' },
      tokens.BD,
    );
    expect(errors).toBeUndefined();
    const text = Buffer.from(data!.statisticsExport.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    const value = (breakdown: string, key: string) =>
      records.find((r) => r.indeling === breakdown && r.waarde === key)?.activaties;
    expect(value('Inspecties', 'COMPLETED')).toBe('1');
    expect(value('Bevindingen', 'TAX')).toBe('1');
    expect(value('Maatregelen', 'FINE')).toBe('0');
    expect(value('Deelnemende organisaties', 'SVB')).toBe('1');
    expect(records.some((r) => r.indeling === 'Niet zichtbaar' && r.waarde.startsWith('measures:'))).toBe(
      true,
    );
  });

  it('are in the workbook, which exceljs opens again', async () => {
    const { data } = await graphql<{ statisticsExport: { base64: string } }>(
      api.url,
      EXPORT,
      { format: 'XLSX' },
      tokens.VR17,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(data!.statisticsExport.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Maatregelen')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const closure = rows.find((row) => row.includes('CLOSURE'));
    expect(closure).toContain(1);
    const fines = workbook.getWorksheet('Boetes')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(fines.some((row) => row.includes(1_200_000))).toBe(true);
  });

  describe('the yearly report', () => {
    const YEARLY = `query ($year: Int!) { yearlyReport(year: $year) { fileName contentType base64 } }`;
    const yearly = async (viewer: string, year: number) => {
      const { data, errors } = await graphql<{
        yearlyReport: { fileName: string; contentType: string; base64: string };
      }>(api.url, YEARLY, { year }, tokens[viewer]);
      expect(errors).toBeUndefined();
      const bytes = Buffer.from(data!.yearlyReport.base64, 'base64');
      return {
        doc: data!.yearlyReport,
        text: execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString(),
      };
    };
    // The demo's events happen when it is loaded.
    const year = new Date().getFullYear();

    it('renders the national figures of the year, a chart per table, for the national team', async () => {
      const { doc, text } = await yearly('LOTC', year);
      expect(doc).toMatchObject({ fileName: `jaarverslag-${year}.pdf`, contentType: 'application/pdf' });
      for (const title of [
        `Jaarverslag activaties ${year}`,
        'Soort',
        'Thema',
        'Aanleiding',
        'Integrale inzet',
        'Veiligheidsregio',
        'Maatregelen',
        'Boetes',
        'Doorverwijzingen',
        'Inspecties',
        'Bevindingen',
        'Doorlooptijd',
        'Deelnemende organisaties',
      ]) {
        expect(text).toContain(title);
      }
      expect(text).toMatch(/VR17\s+2/);
      expect(text).toMatch(/VR09\s+1/);
      expect(text).toMatch(/CLOSURE\s+1/);
      expect(text).toContain('1.200.000');
      expect(text).toContain('findingsByCategory: niet zichtbaar voor uw organisatie');
      const pages = text.split('\f').filter((page) => page.trim() !== '');
      pages.forEach((page, index) => expect(page).toContain(`pagina ${index + 1} van ${pages.length}`));
    });

    it('counts nothing in a year without activations', async () => {
      const { text } = await yearly('LOTC', 2001);
      expect(text).toContain('Jaarverslag activaties 2001');
      expect(text).toMatch(/totaal\s+0/);
    });

    it('holds for BD only what BD may count, and says what it may not', async () => {
      const { text } = await yearly('BD', year);
      expect(text).toMatch(/FINE\s+0/);
      expect(text).toContain('measures: niet zichtbaar voor uw organisatie in 1 activatie(s)');
      expect(text).not.toContain('1.200.000');
    });

    it('is refused to a policy admin, and a year out of range is bad input', async () => {
      const admin = await tokenFor({ userId: 'beleid@lotc', agency: 'LOTC', role: 'POLICY_ADMIN' });
      const refused = await graphql(api.url, YEARLY, { year }, admin);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const bad = await graphql(api.url, YEARLY, { year: 1850 }, tokens.LOTC);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
