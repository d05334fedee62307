import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { agreeInForce, PROPOSE_AGREEMENT } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import {
  ConsoleStage,
  DESKTOP,
  expectNoHorizontalScroll,
  expectNoViolations,
  PHONE,
  screenshot,
} from './console.fixture.js';

/**
 * The policy admin's console in real Chromium: signed in through the development provider's sign-in page,
 * NLA's policy admin approves the proposal UWV made and sees it in force, previews what UWV would see of
 * the sample activation (withheld categories said so), proposes an agreement, reads the register; axe finds
 * no WCAG 2.1 A/AA violation on any screen in Dutch or English.
 */

const REGISTER_ENTRY = `mutation ($input: ProposeProcessingActivityInput!) { proposeProcessingActivity(input: $input) { activityId } }`;
const APPROVE_ENTRY = `mutation ($input: ApproveProcessingActivityInput!) { approveProcessingActivity(input: $input) { version } }`;

describe("the policy admin's console", () => {
  const stage = new ConsoleStage();
  const agreementId = randomUUID();
  const ending = randomUUID();
  const revoked = randomUUID();

  beforeAll(async () => {
    await stage.start();
    const entry = await graphql(
      stage.url,
      REGISTER_ENTRY,
      {
        input: {
          activityId: 'labour-supervision',
          name: 'Toezicht arbeidsomstandigheden',
          purpose: 'Toezicht op eerlijk en veilig werk voor arbeidsmigranten.',
          legalBasis: { text: 'Toezicht en handhaving', reference: 'Arbeidsomstandighedenwet art. 24' },
          controllers: ['NLA', 'UWV'],
          retention: 'P5Y',
        },
      },
      await stage.tokenOf('beleid@uwv'),
    );
    expect(entry.errors).toBeUndefined();
    const approved = await graphql(
      stage.url,
      APPROVE_ENTRY,
      { input: { activityId: 'labour-supervision', reason: 'Getoetst' } },
      await stage.tokenOf('beleid@nla'),
    );
    expect(approved.errors).toBeUndefined();
    // UWV proposes; NLA, the other party, decides.
    const proposed = await graphql(
      stage.url,
      PROPOSE_AGREEMENT,
      {
        input: {
          agreementId,
          agency: 'UWV',
          approverAgency: 'NLA',
          categories: ['CASE', 'EMPLOYER', 'PERSONAL', 'INCOME'],
          activities: ['labour-supervision'],
          purpose: 'Loon en huisvesting van arbeidsmigranten',
          legalBasis: { text: 'Gegevensuitwisseling voor handhaving', reference: 'Wet SUWI art. 64' },
          validFrom: '2026-01-01T00:00:00+01:00',
          reason: 'Convenant LAT 2026',
        },
      },
      await stage.tokenOf('beleid@uwv'),
    );
    expect(proposed.errors).toBeUndefined();
    // Two more in force between UWV and NLA: one ending within the month, one to revoke.
    for (const [id, validUntil] of [
      [ending, new Date(Date.now() + 10 * 86_400_000).toISOString()],
      [revoked, undefined],
    ] as const)
      await agreeInForce(
        stage.url,
        {
          agreementId: id,
          agency: 'UWV',
          approverAgency: 'NLA',
          categories: ['CASE', 'EMPLOYER'],
          purpose: 'Werkgevers van arbeidsmigranten',
          legalBasis: { text: 'Gegevensuitwisseling voor handhaving', reference: 'Wet SUWI art. 64' },
          validFrom: '2026-01-01T00:00:00+01:00',
          ...(validUntil && { validUntil }),
          reason: 'Convenant LAT 2026',
        },
        (agency) => stage.tokenOf(`beleid@${agency.toLowerCase()}`),
      );
    // Starting the stage takes a while on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await stage.stop();
  });

  const card = (page: Page, section: string, id = agreementId) =>
    page
      .getByRole('region', { name: section })
      .or(page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: section }) }))
      .locator(`[data-agreement-id="${id}"]`);

  it('approves a pending proposal and sees it in force, after previewing what the recipient would see', async () => {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'beleid@nla', 'Overeenkomsten');
    await card(page, 'Wachten op uw besluit').waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'agreements (nl)');
    await screenshot(page, 'policy-agreements');

    await card(page, 'Wachten op uw besluit').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Overeenkomst voor UWV met NLA' }).waitFor();
    await expect(page.getByTestId('agreement-status').textContent()).resolves.toBe(
      'Status: Voorgesteld, nog niet van kracht',
    );
    // The preview: UWV under the proposal sees the sample's income finding, not its location, health or measures.
    const preview = page.getByTestId('agreement-preview');
    await preview.locator('[data-event-id]').first().waitFor();
    const shown = await preview.textContent();
    expect(shown).toContain('Loon onder het minimumloon na inhoudingen.');
    expect(shown).not.toMatch(/Voorbeeldstraat|bouwkeet|koorts|Waarschuwing/);
    expect(shown).toContain(
      'Niet zichtbaar voor uw organisatie: locatie, gezondheid, interventie en verslag',
    );
    expect(shown).toContain('niet zichtbaar voor uw organisatie');
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'agreement with preview (nl)');
    await screenshot(page, 'policy-agreement');

    // Approving without a reason: refused at the field, which takes the focus.
    const reason = page.getByLabel('Reden');
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    await expectNoViolations(page, 'decision refused (nl)');
    await reason.fill('Convenant getekend');
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.getByText('Het voorstel is goedgekeurd.').waitFor();
    await page.getByText('Status: Van kracht').waitFor();
    await expect(page.locator('.keten-timeline__title').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Voorgesteld', 'Goedgekeurd']),
    );

    await page.getByRole('link', { name: 'Terug naar de overeenkomsten' }).click();
    await card(page, 'Van kracht').waitFor();
    expect(await card(page, 'Wachten op uw besluit').count()).toBe(0);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agreements' }).waitFor();
    await expectNoViolations(page, 'agreements (en)');
    await card(page, 'In force').getByRole('link').click();
    await page.getByText('Status: In force').waitFor();
    await page.getByTestId('agreement-preview').locator('[data-event-id]').first().waitFor();
    await page.getByText('not visible to your agency').first().waitFor();
    await expectNoViolations(page, 'agreement with preview (en)');
  });

  it('proposes a change of an agreement ending soon, previewed under the change, and revokes another', async () => {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'beleid@nla', 'Overeenkomsten');
    await card(page, 'Verlopen binnenkort', ending).getByRole('link').click();
    await page.getByText('Status: Van kracht').waitFor();
    const preview = page.getByTestId('agreement-preview');
    await preview.locator('[data-event-id]').first().waitFor();
    const withheld = preview.locator('p.keten-withheld').first();
    await expect(withheld.textContent()).resolves.toContain('locatie');

    // A change adding LOCATION: a proposal for UWV; the preview shows what UWV would see once approved.
    const change = page.getByRole('region', { name: 'Wijziging voorstellen' });
    await change.getByLabel('locatie').check();
    await change.getByLabel('Geldig tot').fill('2027-12-31');
    await change.getByLabel('Reden').fill('Verlengd en uitgebreid');
    await change.getByRole('button', { name: 'Wijziging voorstellen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Wijzigingsvoorstel van NLA' }).waitFor();
    await page.getByText('De wijziging is voorgesteld; de andere partij beslist erover.').waitFor();
    await preview.getByText('als het voorstel wordt goedgekeurd', { exact: false }).waitFor();
    await expect(withheld.textContent()).resolves.toBe(
      'Niet zichtbaar voor uw organisatie: persoonsgegevens, gezondheid, inkomen, interventie en verslag',
    );
    await expectNoViolations(page, 'agreement with a change pending (nl)');

    await page.goto(`${stage.url}/overeenkomsten/${revoked}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Status: Van kracht').waitFor();
    const revoke = page.getByRole('region', { name: 'Overeenkomst intrekken' });
    await revoke.getByLabel('Reden').fill('Grondslag vervallen');
    await revoke.getByRole('button', { name: 'Intrekken' }).click();
    await page.getByText('Status: Ingetrokken').waitFor();
    await page.getByText('De overeenkomst is ingetrokken.').waitFor();
    await page.getByRole('link', { name: 'Terug naar de overeenkomsten' }).click();
    await card(page, 'Beëindigd', revoked).waitFor();
  });

  it('proposes an agreement through the form, the server refusing a bad agency code at its field', async () => {
    const page = await stage.page(DESKTOP);
    await stage.signIn(page, 'beleid@nla', 'Overeenkomsten');
    await page.getByRole('link', { name: 'Overeenkomst voorstellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overeenkomst voorstellen' }).waitFor();
    await expectNoViolations(page, 'propose (nl)');
    await screenshot(page, 'policy-propose');

    await page.getByLabel('Ontvangende organisatie').fill('NIEMAND');
    await page.getByLabel('Doel', { exact: true }).fill('Toezicht op huisvesting');
    await page.getByLabel('Grondslag', { exact: true }).fill('Toezicht en handhaving');
    await page.getByLabel('Wetsartikel').fill('Woningwet art. 92');
    await page.getByLabel('Geldig vanaf').fill('2027-01-01');
    await page.getByLabel('locatie').check();
    await page.getByRole('button', { name: 'Voorstel indienen' }).click();
    const agency = page.getByLabel('Ontvangende organisatie');
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    await expect(agency.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoViolations(page, 'propose refused (nl)');

    await agency.fill('GM0599');
    await page.getByRole('button', { name: 'Voorstel indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overeenkomst voor GM0599 met NLA' }).waitFor();
    await page.getByText('Status: Voorgesteld, nog niet van kracht').waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Propose an agreement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Propose an agreement' }).waitFor();
    await expectNoViolations(page, 'propose (en)');
  });

  it('shows the register of processing activities the agreements serve', async () => {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'beleid@nla', 'Overeenkomsten');
    await page.getByRole('link', { name: 'Verwerkingsregister' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwerkingsregister' }).waitFor();
    const entry = page.locator('[data-activity-id="labour-supervision"]');
    await entry.getByText('urn:keten:processing-activity:labour-supervision:1').waitFor();
    await expect(entry.textContent()).resolves.toContain('Toezicht arbeidsomstandigheden');
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'register (nl)');
    await screenshot(page, 'policy-register');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register of processing activities' }).waitFor();
    await expectNoViolations(page, 'register (en)');
  });
});
