import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { agreeInForce } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { openPreventiveInput, send } from '../activations/activation-mutations.fixture.js';
import { eventually } from '../feeds/feeds.fixture.js';
import {
  ConsoleStage,
  DESKTOP,
  expectNoHorizontalScroll,
  expectNoViolations,
  isFocused,
  openDialog,
  PHONE,
  screenshot,
} from './console.fixture.js';

/**
 * The coordinator's console in real Chromium: Rotterdam-Rijnmond's coordinator signs in through the
 * development provider, filters, searches and pages the region's activations, exports them, sees who takes
 * part in an activation and who was invited, transfers the lead (a refused transfer's error at its field),
 * corrects the region (refused at the municipality) and decides integrated deployment, each in a dialog, follows the timeline live, and reads the figures as charts with tables; the
 * national team reads the national view. axe finds no WCAG 2.1 A/AA violation in Dutch or English.
 */

/** The activations of the region beside the main one: more than one page (20) of the region's table. */
const MORE = 21;

/** What a download saved, as bytes. */
async function bytesOf(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const saved = await download;
  return { name: saved.suggestedFilename(), bytes: await readFile((await saved.path())!) };
}

describe("the coordinator's console in the browser", () => {
  const stage = new ConsoleStage();
  let activationId: string;
  let caseNumber: string;
  const tokenOf = (user: string) => stage.tokenOf(user);
  const act = async (mutation: Parameters<typeof send>[1], user: string, input: Record<string, unknown>) => {
    const answer = await send(stage.url, mutation, input, await tokenOf(user));
    expect(answer.errors).toBeUndefined();
    return answer.result!;
  };

  /** Signs the coordinator in (landing on the activations) and opens the region's table. */
  async function region(page: Page): Promise<void> {
    await stage.signIn(page, 'coordinator@vr17');
    await page.getByRole('link', { name: 'Regio' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activaties in regio VR17' }).waitFor();
    await page.getByText('20 activaties getoond.').waitFor();
  }

  /** Opens the main activation from the region's table, by its case number. */
  async function activation(page: Page): Promise<void> {
    await region(page);
    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Coördinatie' }).waitFor();
  }

  beforeAll(async () => {
    await stage.start();
    const adminOf = (agency: string) => tokenOf(`beleid@${agency.toLowerCase()}`);
    // The national team's figures-only agreement of the demo, and a second agreement of the safety region
    // that serves supervision with less: a search for supervision would be narrowed by it.
    const demo = JSON.parse(await readFile('deploy/demo/demo-scenario.json', 'utf8')) as {
      steps: { mutation: string; input: { agency: string } & Record<string, unknown> }[];
    };
    await agreeInForce(
      stage.url,
      demo.steps.find((step) => step.mutation === 'proposeAgreement' && step.input.agency === 'LOTC')!.input,
      adminOf,
    );
    await agreeInForce(
      stage.url,
      {
        agreementId: 'vr17-supervision',
        agency: 'VR17',
        categories: ['CASE'],
        activities: ['supervision'],
        purpose: 'Toezicht op de regio',
        legalBasis: { text: 'Toezicht', reference: 'Wet veiligheidsregio’s art. 10' },
        validFrom: '2026-01-01T00:00:00+01:00',
      },
      adminOf,
    );

    // The main activation last, so that it is the newest: on the table's first page.
    for (let n = 1; n <= MORE; n++)
      await act(
        'openActivation',
        'inspecteur@nla',
        openPreventiveInput({ title: `Loods ${n}: huisvesting`, municipality: 'GM0606' }),
      );
    activationId = (await act('openActivation', 'inspecteur@nla', openPreventiveInput())).activationId;
    await act('inviteAgency', 'inspecteur@nla', { activationId, agency: 'GM0599' });
    await act('joinActivation', 'handhaver@gm0599', { activationId });
    await act('inviteAgency', 'inspecteur@nla', { activationId, agency: 'UWV' });
    await act('inviteAgency', 'inspecteur@nla', { activationId, agency: 'SVB' });
    await act('declineInvitation', 'inspecteur@svb', {
      activationId,
      reason: 'Geen uitkeringen in het spel',
    });
    const coordinator = await tokenOf('coordinator@vr17');
    await eventually(async () => {
      const seen = await graphql<{ activations: { edges: { node: { id: string; caseNumber: string } }[] } }>(
        stage.url,
        '{ activations(first: 100) { edges { node { id caseNumber } } } }',
        {},
        coordinator,
      );
      const edges = seen.data?.activations.edges ?? [];
      caseNumber = edges.find((edge) => edge.node.id === activationId)?.node.caseNumber ?? '';
      return edges.length === MORE + 1;
    }, 30_000);
    // Two agreements and some thirty commands through the api, beside the other suites on two cores.
  }, 180_000);

  afterAll(async () => {
    await stage.stop();
  });

  it("filters, searches and pages the region's activations, in Dutch and English", async () => {
    const page = await stage.page(DESKTOP);
    await page.goto(stage.url);
    await expectNoViolations(page, 'sign-in (nl)');
    await region(page);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(20);
    await expectNoViolations(page, 'region (nl)');
    await screenshot(page, 'coordinator-region');

    await page.getByRole('button', { name: 'Meer activaties' }).click();
    await page.getByText(`${MORE + 1} activaties getoond.`).waitFor();
    expect(await rows.count()).toBe(MORE + 1);
    await expect(page.getByRole('button', { name: 'Meer activaties' }).count()).resolves.toBe(0);

    // Filters: no repressive activation in the region; a period after today holds none either.
    const filters = page.getByRole('form', { name: 'Filteren' });
    await filters.getByLabel('Soort').selectOption('REPRESSIVE');
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Geen activaties gevonden.').waitFor();
    await filters.getByLabel('Soort').selectOption('PREVENTIVE');
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('20 activaties getoond.').waitFor();
    await filters.getByLabel('Geopend vanaf').fill('2099-01-01');
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Geen activaties gevonden.').waitFor();
    await filters.getByLabel('Geopend vanaf').fill('');
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('20 activaties getoond.').waitFor();

    // The search, by case number: the one activation.
    const search = page.getByRole('search');
    await search.getByRole('searchbox').fill(caseNumber.toLowerCase());
    await search.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('1 activatie getoond.').waitFor();
    await expect(rows.first().textContent()).resolves.toContain(caseNumber);
    await expect(rows.first().textContent()).resolves.toContain('Kas Westland: overbewoning');

    // For supervision, which one of the region's agreements serves with less, the api refuses the search.
    await search.getByLabel('Doel van het zoeken (verwerkingsactiviteit)').selectOption('supervision');
    await search.getByRole('button', { name: 'Zoeken' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /not available for the processing activity supervision/,
    );
    await expect(rows.count()).resolves.toBe(0);
    await expectNoViolations(page, 'region search refused (nl)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activations in region VR17' }).waitFor();
    await expectNoViolations(page, 'region search refused (en)');
    await search.getByLabel('Purpose of the search (processing activity)').selectOption('');
    await search.getByRole('searchbox').fill('');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByText('20 activations shown.').waitFor();
    await expectNoViolations(page, 'region (en)');
  });

  it("exports the region's activations as CSV and as an Excel workbook", async () => {
    const page = await stage.page(DESKTOP);
    await region(page);
    const csv = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Exporteren als CSV' }).click(),
      ]).then(([download]) => download),
    );
    expect(csv.name).toBe('activaties.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(csv.bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(records).toHaveLength(MORE + 1);
    expect(records.find((record) => record.activatie === activationId)).toMatchObject({
      zaaknummer: caseNumber,
      titel: 'Kas Westland: overbewoning',
      werkgever: 'Kas BV',
    });

    const xlsx = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Exporteren als Excel' }).click(),
      ]).then(([download]) => download),
    );
    expect(xlsx.name).toBe('activaties.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Activaties')!;
    expect(sheet.rowCount).toBe(MORE + 2);
    const ids = Array.from({ length: MORE + 1 }, (_, index) => sheet.getRow(index + 2).getCell(1).value);
    expect(ids).toContain(activationId);
  });

  it('shows a coordinator who takes part in an activation and who was invited, and its process report', async () => {
    const page = await stage.page(DESKTOP);
    await activation(page);
    await expect(page.getByTestId('case-number').textContent()).resolves.toBe(caseNumber);
    await expect(page.getByTestId('participants').textContent()).resolves.toMatch(
      /NLA \(penvoerder\).*GM0599/,
    );
    const invitation = (agency: string) =>
      page.getByTestId('invitations').locator('tr').filter({ hasText: agency }).textContent();
    await expect(invitation('GM0599')).resolves.toContain('neemt deel');
    await expect(invitation('UWV')).resolves.toContain('wacht op antwoord');
    await expect(invitation('SVB')).resolves.toContain('afgewezen');
    await expectNoViolations(page, 'coordinator activation (nl)');
    await screenshot(page, 'coordinator-activation');

    const report = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Procesverslag downloaden (PDF)' }).click(),
      ]).then(([download]) => download),
    );
    expect(report.name).toMatch(/\.pdf$/);
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Coordination' }).waitFor();
    await expectNoViolations(page, 'coordinator activation (en)');
  });

  it('transfers the lead and decides integrated deployment in dialogs, showing a refused transfer and region correction with the error at their field', async () => {
    const page = await stage.page(DESKTOP);
    await activation(page);
    const transfer = await openDialog(page, 'Penvoerderschap overdragen');
    const toAgency = transfer.getByLabel('Nieuwe penvoerder');
    // SVB declined: it does not take part, so it cannot lead.
    await toAgency.fill('SVB');
    await transfer.getByRole('button', { name: 'Vastleggen' }).click();
    await transfer.locator('input[aria-invalid="true"]').waitFor();
    const errorId = (await toAgency.getAttribute('aria-describedby'))!.split(' ')[1]!;
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/SVB/);
    expect(await isFocused(page, '.keten-dialog[open] input[aria-invalid="true"]')).toBe(true);
    await expectNoViolations(page, 'transfer refused (nl)');

    await toAgency.fill('GM0599');
    await transfer.getByRole('button', { name: 'Vastleggen' }).click();
    await transfer.waitFor({ state: 'hidden' });
    await page.getByText('Penvoerderschap overdragen: gelukt.').waitFor();
    await page.getByTestId('participants').getByText('GM0599 (penvoerder)').waitFor({ timeout: 15_000 });

    // A municipality outside the region named: refused at the municipality (the activation's own), nothing moves.
    const correction = await openDialog(page, 'Regio corrigeren');
    await correction.getByLabel('Juiste veiligheidsregio').fill('VR09');
    await correction.getByLabel('Reden', { exact: true }).fill('Verkeerde regio gekozen bij het openen');
    await correction.getByRole('button', { name: 'Vastleggen' }).click();
    await correction.locator('input[name="municipality"][aria-invalid="true"]').waitFor();
    const municipality = correction.getByLabel('Juiste gemeente');
    await expect(municipality.inputValue()).resolves.toBe('GM0599');
    const municipalityError = (await municipality.getAttribute('aria-describedby'))!.split(' ')[1]!;
    await expect(page.locator(`[id="${municipalityError}"]`).textContent()).resolves.toMatch(
      /GM0599.*VR17, not VR09/,
    );
    expect(await isFocused(page, '.keten-dialog[open] input[name="municipality"]')).toBe(true);
    await expectNoViolations(page, 'region correction refused (nl)');
    await page.keyboard.press('Escape');
    await correction.waitFor({ state: 'hidden' });

    const deployment = await openDialog(page, 'Besluiten over integrale inzet');
    await deployment.getByLabel('NLA', { exact: true }).check();
    await deployment.getByLabel('GM0599', { exact: true }).check();
    await deployment.getByLabel('Onderbouwing').fill('Woning en werk worden samen aangepakt.');
    await expectNoViolations(page, 'integrated deployment (nl)');
    await deployment.getByRole('button', { name: 'Vastleggen' }).click();
    await deployment.waitFor({ state: 'hidden' });
    await page.getByText('Besluiten over integrale inzet: gelukt.').waitFor();
    await page.locator('dd', { hasText: /^Ja$/ }).waitFor({ timeout: 15_000 });

    // The same dialogs in English, each refused where it can be.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Coordination' }).waitFor();
    const transferEn = await openDialog(page, 'Transfer the lead');
    await transferEn.getByLabel('New lead agency').fill('SVB');
    await transferEn.getByRole('button', { name: 'Save' }).click();
    await transferEn.locator('input[aria-invalid="true"]').waitFor();
    await expectNoViolations(page, 'transfer refused (en)');
    await page.keyboard.press('Escape');
    const correctionEn = await openDialog(page, 'Correct the region');
    await correctionEn.getByLabel('Correct safety region').fill('VR09');
    await correctionEn.getByLabel('Reason', { exact: true }).fill('Wrong region chosen when opening');
    await correctionEn.getByRole('button', { name: 'Save' }).click();
    await correctionEn.locator('input[name="municipality"][aria-invalid="true"]').waitFor();
    await expectNoViolations(page, 'region correction refused (en)');
    await page.keyboard.press('Escape');
    const deploymentEn = await openDialog(page, 'Decide on integrated deployment');
    await deploymentEn.getByLabel('Integrated deployment').selectOption('false');
    await expect(deploymentEn.getByRole('group', { name: /Agencies acting together/ }).count()).resolves.toBe(
      0,
    );
    await expectNoViolations(page, 'integrated deployment (en)');
  });

  // How soon it shows (the second) is a timing goal, measured in bench/console (docs/benchmarks.md):
  // here, that it shows live, without a reload.
  it("shows another agency's command on the coordinator's open timeline live", async () => {
    const page = await stage.page(DESKTOP);
    await activation(page);
    await page.getByText('De tijdlijn wordt live bijgewerkt.').waitFor();
    await page.locator('[data-event-id]').first().waitFor();
    const answer = await act('recordSignal', 'handhaver@gm0599', {
      activationId,
      signalId: randomUUID(),
      source: { kind: 'ANONYMOUS' },
      description: 'Busje met twaalf mensen',
    });
    await page.locator(`[data-event-id="${answer.eventIds[0]}"]`).waitFor({ timeout: 10_000 });
    // The safety region holds no PERSONAL: the signal shows, its free text is said to be withheld.
    const shown = await page.locator(`[data-event-id="${answer.eventIds[0]}"]`).textContent();
    expect(shown).toContain('Signaal vastgelegd');
    expect(shown).toContain('niet zichtbaar voor uw organisatie');
    expect(shown).not.toContain('Busje met twaalf mensen');
  });

  it("shows the region's figures as charts with a table beside each, and exports them", async () => {
    const page = await stage.page(DESKTOP);
    await stage.signIn(page, 'coordinator@vr17');
    await page.getByRole('link', { name: 'Cijfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cijfers van regio VR17' }).waitFor();
    const byKind = page.locator('[data-breakdown="byKind"]');
    await expect(byKind.getByRole('img').getAttribute('aria-label')).resolves.toBe(
      `Staafdiagram Per soort: Preventief: ${MORE + 1} en Repressief: 0`,
    );
    await expect(
      byKind
        .getByRole('table')
        .getByRole('row', { name: `Preventief ${MORE + 1}` })
        .count(),
    ).resolves.toBe(1);
    await page.locator('canvas[data-testid="chart"]').nth(4).waitFor();
    await expectNoViolations(page, 'statistics (nl)');
    await screenshot(page, 'coordinator-statistics');

    const csv = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Cijfers exporteren als CSV' }).click(),
      ]).then(([download]) => download),
    );
    const rows = parse(csv.bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(rows).toContainEqual({ indeling: 'Soort', waarde: 'PREVENTIVE', activaties: String(MORE + 1) });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Figures of region VR17' }).waitFor();
    await expect(byKind.getByRole('img').getAttribute('aria-label')).resolves.toBe(
      `Bar chart By kind: Preventive: ${MORE + 1} and Repressive: 0`,
    );
    await expectNoViolations(page, 'statistics (en)');
  });

  it('shows the national team the national view and its yearly report', async () => {
    const page = await stage.page(DESKTOP);
    await stage.signIn(page, 'landelijk@lotc', 'Landelijk beeld');
    const byRegion = page.locator('[data-breakdown="byRegion"]');
    await byRegion.getByRole('row', { name: `VR17 ${MORE + 1}` }).waitFor();
    await expect(byRegion.getByRole('img').getAttribute('aria-label')).resolves.toContain(
      `VR17: ${MORE + 1}`,
    );
    await expectNoViolations(page, 'national view (nl)');
    await screenshot(page, 'national-statistics');
    const report = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Jaarverslag downloaden (PDF)' }).click(),
      ]).then(([download]) => download),
    );
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'National view' }).waitFor();
    await expectNoViolations(page, 'national view (en)');
  });

  it("shows the region's table on a phone without scrolling the page sideways", async () => {
    const page = await stage.page(PHONE);
    await region(page);
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'region on a phone (nl)');
    await screenshot(page, 'coordinator-region-phone');
  });
});
