import { graphql } from '../../support/graphql-client.js';
import {
  ConsoleStage,
  expectNoHorizontalScroll,
  expectNoViolations,
  isFocused,
  PHONE,
  screenshot,
} from './console.fixture.js';

/**
 * The privacy officers' erasure requests in real Chromium, four eyes: NLA's privacy officer asks to erase a
 * person by BSN (a BSN failing the eleven-test refused at the field before anything is sent) and cannot
 * decide their own request; NLA's second privacy officer approves one request and rejects another, each
 * with a reason, and the list shows the outcome. The list never shows the BSN. axe finds no WCAG 2.1 A/AA
 * violation in Dutch or English.
 */

const BSN = '111222333';
const LIST = `query { erasureRequests { erasureId status decidedBy } }`;

describe("the privacy officers' erasure requests", () => {
  const stage = new ConsoleStage();

  beforeAll(async () => {
    await stage.start();
  }, 120_000);

  afterAll(async () => {
    await stage.stop();
  });

  it('takes a request from one privacy officer and the decision from another', async () => {
    const first = await stage.page(PHONE);
    await stage.signIn(first, 'privacy@nla', 'Logboek dataverwerkingen');
    await first.getByRole('link', { name: 'Verzoeken tot wissen' }).click();
    await first.getByRole('heading', { level: 1, name: 'Verzoeken tot wissen' }).waitFor();
    await first.getByText('Er zijn geen verzoeken tot wissen.').waitFor();
    await expectNoViolations(first, 'erasure requests (nl)');

    // A BSN failing the eleven-test is refused at the field before anything is sent.
    const bsn = first.getByLabel('BSN', { exact: true });
    await bsn.fill('111222334');
    await first.getByLabel('Grond').selectOption('UNLAWFULLY_PROCESSED');
    await first.getByLabel('Reden', { exact: true }).fill('Vastgelegd zonder grondslag.');
    await first.getByRole('button', { name: 'Verzoek indienen' }).click();
    await first.locator('input[aria-invalid="true"]').waitFor();
    const bsnError = (await bsn.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    await expect(first.locator(`[id="${bsnError}"]`).textContent()).resolves.toContain('elfproef');
    await expect(isFocused(first, 'input[aria-invalid="true"]')).resolves.toBe(true);
    await expectNoViolations(first, 'erasure request, BSN refused (nl)');

    // The api's own refusal is shown at the field it names: a reason naming a BSN.
    await bsn.fill(BSN);
    const reason = first.getByLabel('Reden', { exact: true });
    await reason.fill(`BSN ${BSN} is onterecht vastgelegd.`);
    await first.getByRole('button', { name: 'Verzoek indienen' }).click();
    await first.locator('textarea[aria-invalid="true"]').waitFor();
    await expect(bsn.getAttribute('aria-invalid')).resolves.toBeNull();

    await reason.fill('Vastgelegd zonder grondslag.');
    await first.getByRole('button', { name: 'Verzoek indienen' }).click();
    await first.getByRole('status').filter({ hasText: 'is ingediend' }).waitFor();
    const row = first.locator('[data-erasure-id]');
    await row.first().waitFor();
    await expect(row.first().locator('[data-status]').textContent()).resolves.toBe('Wacht op besluit');
    // One's own request is for another to decide: no decision form here.
    await expect(first.getByRole('button', { name: 'Goedkeuren en wissen' }).count()).resolves.toBe(0);
    await expect(first.locator('main').textContent()).resolves.not.toContain(BSN);

    // A second request, of one subject of one activation, to reject.
    await first.getByLabel('Activatie').fill('een-activatie');
    await first.getByLabel('Betrokkene').fill('w1');
    await first.getByLabel('Grond').selectOption('OBJECTION');
    await first.getByLabel('Reden', { exact: true }).fill('Bezwaar van betrokkene gegrond.');
    await first.getByRole('button', { name: 'Verzoek indienen' }).click();
    await row.nth(1).waitFor();
    await expectNoHorizontalScroll(first);
    await expectNoViolations(first, 'erasure requests, two waiting (nl)');

    const second = await stage.page(PHONE);
    await stage.signIn(second, 'privacy2@nla', 'Logboek dataverwerkingen');
    await second.getByRole('link', { name: 'Verzoeken tot wissen' }).click();
    const personDecision = second.getByRole('region', { name: /Een persoon \(BSN\), in alle zaken/ });
    await personDecision.waitFor();
    await expectNoViolations(second, 'erasure requests, to decide (nl)');
    await screenshot(second, 'privacy-erasure-requests');
    // A decision without a reason is refused at the field.
    await personDecision.getByRole('button', { name: 'Goedkeuren en wissen' }).click();
    await personDecision.locator('textarea[aria-invalid="true"]').waitFor();
    await personDecision.getByLabel('Reden van uw besluit').fill('Getoetst: grondslag ontbrak.');
    await personDecision.getByRole('button', { name: 'Goedkeuren en wissen' }).click();
    await second.locator('[data-status="APPROVED"]').waitFor();

    const subjectDecision = second.getByRole('region', { name: /Een betrokkene in één activatie/ });
    await subjectDecision.getByLabel('Reden van uw besluit').fill('Bewaarplicht loopt nog.');
    await subjectDecision.getByRole('button', { name: 'Afwijzen' }).click();
    await second.locator('[data-status="REJECTED"]').waitFor();
    await expect(second.getByRole('button', { name: 'Goedkeuren en wissen' }).count()).resolves.toBe(0);
    await expect(second.locator('main').textContent()).resolves.toContain('Getoetst: grondslag ontbrak.');

    const officer = await stage.tokenOf('privacy@nla');
    const { data } = await graphql<{ erasureRequests: { status: string; decidedBy: string }[] }>(
      stage.url,
      LIST,
      {},
      officer,
    );
    expect(data!.erasureRequests.map(({ status, decidedBy }) => [status, decidedBy]).sort()).toEqual([
      ['APPROVED', 'privacy2@nla'],
      ['REJECTED', 'privacy2@nla'],
    ]);

    await second.getByRole('button', { name: 'English' }).click();
    await second.getByRole('heading', { level: 1, name: 'Erasure requests' }).waitFor();
    await second.locator('[data-status="APPROVED"]', { hasText: 'Approved' }).waitFor();
    await expectNoViolations(second, 'erasure requests (en)');
  });
});
