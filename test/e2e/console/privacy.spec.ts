import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { graphql } from '../../support/graphql-client.js';
import { openPreventiveInput, send } from '../activations/activation-mutations.fixture.js';
import { eventually } from '../feeds/feeds.fixture.js';
import {
  ConsoleStage,
  expectNoHorizontalScroll,
  expectNoViolations,
  PHONE,
  screenshot,
} from './console.fixture.js';

/**
 * The privacy officer's console in real Chromium: signed in through the development provider's sign-in
 * page, NLA's privacy officer searches the access log by a person's BSN (refused before sending when it
 * fails the eleven-test; the api's own refusal of a field shown at that field), pages through the lines and
 * downloads the answer to the person's access request, whose content the test reads; axe finds no WCAG 2.1
 * A/AA violation in Dutch or English.
 */

const BSN = '111222333';
const TIMELINE = `query ($activationId: ID!) { timeline(activationId: $activationId) { edges { node { eventId payload } } } }`;
const ALL_LINES = `query { accessLog(first: 100, filter: { from: "2020-01-01" }) { edges { node { id } } } }`;
const LINES = `query ($bsn: String) { accessLog(filter: { bsn: $bsn }) { edges { node { id activationId } } } }`;

describe("the privacy officer's console", () => {
  const stage = new ConsoleStage();
  let activationId: string;

  beforeAll(async () => {
    await stage.start();
    const nla = await stage.tokenOf('inspecteur@nla');
    const opened = await send(stage.url, 'openActivation', openPreventiveInput(), nla);
    expect(opened.errors).toBeUndefined();
    activationId = opened.result!.activationId;
    const signal = await send(
      stage.url,
      'recordSignal',
      {
        activationId,
        signalId: randomUUID(),
        source: { kind: 'ANONYMOUS' },
        description: 'Bewoner meldt overbewoning in de kas',
        subjects: [{ subjectId: 'w1', name: 'Jan Kowalski', bsn: BSN }],
      },
      nla,
    );
    expect(signal.errors).toBeUndefined();
    // The inspector reads the timeline that names the person: a line in NLA's access log.
    await eventually(async () => {
      const { data } = await graphql<{ timeline: { edges: { node: { payload: unknown } }[] } }>(
        stage.url,
        TIMELINE,
        { activationId },
        nla,
      );
      return JSON.stringify(data?.timeline.edges ?? []).includes('Jan Kowalski');
    }, 30_000);
    const officer = await stage.tokenOf('privacy@nla');
    await eventually(async () => {
      const { data } = await graphql<{ accessLog: { edges: unknown[] } }>(
        stage.url,
        LINES,
        { bsn: BSN },
        officer,
      );
      return (data?.accessLog.edges.length ?? 0) > 0;
    }, 10_000);
    // Starting the stage takes a while on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await stage.stop();
  });

  it('searches the access log by BSN and downloads the access request, whose content is that person’s reads', async () => {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'privacy@nla', 'Logboek dataverwerkingen');
    await expectNoViolations(page, 'access log (nl)');

    // A BSN failing the eleven-test is refused at the field before anything is sent.
    const bsn = page.getByLabel('BSN', { exact: true });
    await bsn.fill('111222334');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    await expect(bsn.getAttribute('aria-invalid')).resolves.toBe('true');
    const bsnError = (await bsn.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    await expect(page.locator(`[id="${bsnError}"]`).textContent()).resolves.toContain('elfproef');
    await expect(bsn.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await expectNoViolations(page, 'access log, BSN refused (nl)');

    // What the api refuses itself is shown at the field it names.
    await bsn.fill('');
    const trace = page.getByLabel('Trace-id');
    await trace.fill('geen-trace');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    await expect(trace.getAttribute('aria-invalid')).resolves.toBe('true');
    const traceError = (await trace.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    await expect(page.locator(`[id="${traceError}"]`).textContent()).resolves.toMatch(/traceId/);
    await trace.fill('');
    // A subject id names a person within one case only: without the activation, the api refuses it there.
    const subject = page.getByLabel('Betrokkene');
    await subject.fill('w1');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator(`[id="${await subject.getAttribute('id')}"][aria-invalid="true"]`).waitFor();
    await expect(trace.getAttribute('aria-invalid')).resolves.toBeNull();
    await subject.fill('');

    await bsn.fill('1112.22.333');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator('[data-line-id]').first().waitFor();
    await expect(bsn.getAttribute('aria-invalid')).resolves.toBeNull();
    const shown = await page.locator('[data-line-id]').count();
    expect(shown).toBeGreaterThan(0);
    await expect(page.locator('[data-line-id]').first().textContent()).resolves.toContain(activationId);
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'access log results (nl)');
    await screenshot(page, 'privacy-access-log');

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Inzageverzoek downloaden (JSON)' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/^inzageverzoek-[0-9a-f]{12}\.json$/);
    const answer = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
      dataSubject: { type: string; pseudonym: string };
      agency: string;
      reads: { activationId: string; agency: string; categories: string }[];
    };
    expect(answer.dataSubject.type).toBe('BSN');
    expect(answer.agency).toBe('NLA');
    expect(answer.reads).toHaveLength(shown);
    expect(answer.reads.every((read) => read.activationId === activationId && read.agency === 'NLA')).toBe(
      true,
    );
    expect(answer.reads[0]!.categories).toContain('PERSONAL');
    // Nothing of the person but the pseudonym: no BSN, no name.
    expect(JSON.stringify(answer)).not.toMatch(/111222333|Kowalski/);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Inzageverzoek downloaden (CSV)' }).click(),
    ]);
    const table = (await readFile((await csv.path())!, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(table[0]).toContain('Verwerkingsactiviteit');
    expect(table).toHaveLength(shown + 1);

    // The same lines as records of Logboek Dataverwerkingen, for a chain logbook.
    const [records] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Logboekrecords downloaden (JSON)' }).click(),
    ]);
    const logbook = JSON.parse(await readFile((await records.path())!, 'utf8')) as {
      trace_id: string;
      attributes: Record<string, unknown>;
    }[];
    expect(logbook).toHaveLength(shown);
    expect(new Set(logbook.map((record) => record.attributes['dpl.core.data_subject_id']))).toEqual(
      new Set([answer.dataSubject.pseudonym]),
    );

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
    await page.getByRole('button', { name: 'Download the access request (JSON)' }).waitFor();
    await expectNoViolations(page, 'access log results (en)');
  });

  it('pages through the lines a period finds, 25 at a time, none twice', async () => {
    // More reads of the person than one page holds.
    const nla = await stage.tokenOf('inspecteur@nla');
    for (let read = 0; read < 30; read++)
      expect((await graphql(stage.url, TIMELINE, { activationId }, nla)).errors).toBeUndefined();
    const officer = await stage.tokenOf('privacy@nla');
    const all = await graphql<{ accessLog: { edges: unknown[] } }>(stage.url, ALL_LINES, {}, officer);
    const total = all.data!.accessLog.edges.length;
    expect(total).toBeGreaterThan(25);
    const page = await stage.page(PHONE, 'en-GB');
    await stage.signIn(page, 'privacy@nla', 'Logboek dataverwerkingen');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('[data-line-id]').first().waitFor();
    // The first page holds 25 lines; more come on request, none twice.
    await expect(page.locator('[data-line-id]').count()).resolves.toBe(25);
    let pages = 1;
    for (let more = page.getByRole('button', { name: 'More lines' }); await more.isVisible();) {
      const before = await page.locator('[data-line-id]').count();
      await more.click();
      await page.locator('[data-line-id]').nth(before).waitFor();
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 25));
    const ids = await page
      .locator('[data-line-id]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    await expectNoViolations(page, 'access log paged (en)');
  });
});
