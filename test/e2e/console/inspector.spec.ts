import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { openPreventiveInput, send } from '../activations/activation-mutations.fixture.js';
import { eventually } from '../feeds/feeds.fixture.js';
import {
  ConsoleStage,
  expectNoHorizontalScroll,
  expectNoViolations,
  isFocused,
  openDialog,
  PHONE,
  screenshot,
} from './console.fixture.js';

/**
 * The inspector's screens (issue 18) in real Chromium at 390×844: the inbox (live), joining an invitation,
 * my cases, and the actions on an activation, each in a dialog that takes the focus, closes on Escape and
 * gives the focus back, with a refused command's error at the field the api names; axe finds nothing on any
 * page or dialog in Dutch or English.
 */
/** The title carries the employer and location, which the municipality does not see before it takes part. */
const CASE = /VR17-\d{4}-\d{4}/;

/** A photo of one pixel: what the api's upload takes by its first bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Starting the api, worker, provider and Chromium on a busy machine of two cores takes its time. */
const STARTUP_MS = 180_000;

describe("the inspector's screens", () => {
  const stage = new ConsoleStage();
  let activationId: string;

  beforeAll(async () => {
    await stage.start();
    const nla = await stage.tokenOf('inspecteur@nla');
    const opened = await send(stage.url, 'openActivation', openPreventiveInput(), nla);
    expect(opened.errors).toBeUndefined();
    activationId = opened.result!.activationId;
    const invited = await send(
      stage.url,
      'inviteAgency',
      { activationId, agency: 'GM0599', reason: 'Huisvesting boven de kas' },
      nla,
    );
    expect(invited.errors).toBeUndefined();
  }, STARTUP_MS);

  /** The municipality's inspector, signed in, on the activation (a reload signs in again). */
  async function activationPage(): Promise<Page> {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'handhaver@gm0599');
    await page.goto(`${stage.url}/activaties/${activationId}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();
    return page;
  }

  afterAll(async () => {
    await stage.stop();
  });

  it('shows the inbox, updated live, and joins an invitation; my cases then hold the activation', async () => {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'handhaver@gm0599');
    await page.getByRole('link', { name: 'Postvak' }).click();
    await page.getByRole('heading', { level: 1, name: 'Postvak' }).waitFor();
    const invitation = page
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`Uitnodiging: ${CASE.source}`) });
    await invitation.waitFor({ timeout: 15_000 });
    await expect(invitation.textContent()).resolves.toContain('Huisvesting boven de kas');
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'inbox (nl)');
    await screenshot(page, 'inspector-inbox');

    // A referral the inspectorate makes meanwhile appears without reloading (the inbox subscription).
    const referral = await send(
      stage.url,
      'makeReferral',
      { activationId, toAgency: 'GM0599', reason: 'Bewoning zonder vergunning' },
      await stage.tokenOf('inspecteur@nla'),
    );
    expect(referral.errors).toBeUndefined();
    await page
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`Doorverwijzing: ${CASE.source}`) })
      .waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await expectNoViolations(page, 'inbox (en)');
    await page.getByRole('button', { name: 'Decline the invitation' }).click();
    await page.getByRole('dialog', { name: 'Decline the invitation' }).waitFor();
    await expectNoViolations(page, 'decline dialog (en)');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Nederlands' }).click();

    await invitation.getByRole('button', { name: 'Deelnemen' }).click();
    await invitation.getByText('u neemt deel').waitFor({ timeout: 15_000 });
    await invitation.getByRole('link', { name: new RegExp(`Open de activatie: ${CASE.source}`) }).waitFor();

    await page.getByRole('link', { name: 'Mijn zaken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn zaken' }).waitFor();
    await page.getByRole('link', { name: 'Preventieve activatie in GM0599' }).waitFor({ timeout: 15_000 });
    await expectNoViolations(page, 'my cases (nl)');
  }, 120_000);

  it('records a signal, an inspection and a measure through dialogs, by keyboard, with refusals at their field', async () => {
    const page = await activationPage();
    await page.getByText('De tijdlijn wordt live bijgewerkt.').waitFor();
    await expectNoViolations(page, 'activation with actions (nl)');

    // A signal: the dialog opens by keyboard, takes the focus, and gives it back on closing.
    const signalButton = page.getByRole('button', { name: 'Signaal vastleggen' });
    await signalButton.focus();
    await page.keyboard.press('Enter');
    const signal = page.getByRole('dialog', { name: 'Signaal vastleggen' });
    await signal.waitFor();
    await expect(isFocused(page, '.keten-dialog[open] textarea')).resolves.toBe(true);
    await expectNoViolations(page, 'signal dialog (nl)');
    await signal.getByLabel('Beschrijving').fill('Buren melden twintig bewoners in de loods');
    // An external source without a name: the api refuses it at source.name, a field inside the input.
    await signal.getByLabel('Bron', { exact: true }).selectOption('EXTERNAL');
    await signal.getByRole('button', { name: 'Vastleggen' }).click();
    const sourceName = signal.getByLabel('Naam van de bron');
    await signal.locator('input[aria-invalid="true"]').waitFor();
    await expect(sourceName.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(isFocused(page, '.keten-dialog[open] input[aria-invalid="true"]')).resolves.toBe(true);
    await sourceName.fill('Buurtbewoner');
    await signal.getByRole('button', { name: 'Vastleggen' }).click();
    await signal.waitFor({ state: 'hidden' });
    await page.getByText('Signaal vastleggen: gelukt.').waitFor();
    await expect(
      signalButton.evaluate((element) => element === element.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await page.getByText('Buren melden twintig bewoners in de loods').waitFor({ timeout: 15_000 });

    // Escape closes a dialog without sending anything, and the focus returns to its button.
    await openDialog(page, 'Inspectie plannen');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Inspectie plannen' }).waitFor({ state: 'hidden' });
    await expect(
      page
        .getByRole('button', { name: 'Inspectie plannen' })
        .evaluate((element) => element === element.ownerDocument.activeElement),
    ).resolves.toBe(true);

    const inspection = await openDialog(page, 'Inspectie plannen');
    // Left empty, the form says so at the fields, and the first takes the focus.
    await inspection.getByRole('button', { name: 'Vastleggen' }).click();
    await inspection.locator('input[aria-invalid="true"]').first().waitFor();
    await expect(isFocused(page, '.keten-dialog[open] input[type="datetime-local"]')).resolves.toBe(true);
    await inspection.getByLabel('Gepland op').fill('2026-12-10T09:00');
    await inspection.getByLabel('Adres').fill('Kasweg 12');
    await inspection.getByLabel('Plaats').fill('Rotterdam');
    await inspection.getByRole('button', { name: 'Vastleggen' }).click();
    await inspection.waitFor({ state: 'hidden' });
    await page.getByText('Inspectie plannen: gelukt.').waitFor();

    // A fine without an amount: the api refuses it, naming amountEuroCents; the error is at that field.
    const measure = await openDialog(page, 'Maatregel opleggen');
    await measure.getByLabel('Soort maatregel').selectOption('FINE');
    await measure.getByLabel('Beschrijving').fill('Geen nooduitgang in de loods');
    await measure.getByRole('button', { name: 'Vastleggen' }).click();
    const amount = measure.getByLabel('Bedrag van de boete (euro)');
    await measure.locator('input[aria-invalid="true"]').waitFor();
    await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorId = (await amount.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/amount/i);
    await expect(amount.evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await expectNoViolations(page, 'measure refused (nl)');
    await screenshot(page, 'inspector-measure-refused');
    await amount.fill('1.250,50');
    await measure.getByRole('button', { name: 'Vastleggen' }).click();
    await measure.waitFor({ state: 'hidden' });
    await page.getByText('Maatregel opleggen: gelukt.').waitFor();

    // A document: uploaded first (POST /attachments), then attached.
    const attach = await openDialog(page, 'Document toevoegen');
    await attach
      .getByLabel('Bestand')
      .setInputFiles({ name: 'slaapruimte.png', mimeType: 'image/png', buffer: PNG });
    await attach.getByLabel('Titel').fill('Foto slaapruimte');
    await attach.getByRole('button', { name: 'Vastleggen' }).click();
    await attach.waitFor({ state: 'hidden' });
    await page.getByText('Document toevoegen: gelukt.').waitFor();

    // A person in the municipality's own signal, corrected: the person chosen from the signal chosen.
    const withPerson = await send(
      stage.url,
      'recordSignal',
      {
        activationId,
        signalId: randomUUID(),
        source: { kind: 'ANONYMOUS' },
        description: 'Bewoner slaapt in de loods',
        subjects: [{ subjectId: 'p-1', name: 'Jan Kowalski' }],
      },
      await stage.tokenOf('handhaver@gm0599'),
    );
    expect(withPerson.errors).toBeUndefined();
    await page.getByText('Bewoner slaapt in de loods').waitFor({ timeout: 15_000 });
    const person = await openDialog(page, 'Persoon corrigeren');
    const signalOption = person.locator('option', { hasText: 'Bewoner slaapt in de loods' });
    await person.getByLabel('Signaal of bevinding').selectOption((await signalOption.getAttribute('value'))!);
    await person.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Jan Kowalski (p-1)' });
    await person.getByLabel('Naam', { exact: true }).fill('Jan Kowalsky');
    await person.getByLabel('Reden').fill('Naam verkeerd gespeld');
    await person.getByRole('button', { name: 'Vastleggen' }).click();
    await person.waitFor({ state: 'hidden' });
    await page.getByText('Persoon corrigeren: gelukt.').waitFor();

    // Each happened once, as the api's timeline says.
    const types = async () => {
      const answer = await fetch(`${stage.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await stage.tokenOf('handhaver@gm0599')}`,
        },
        body: JSON.stringify({
          query:
            'query($id: ID!) { timeline(activationId: $id, first: 100) { edges { node { type payload } } } }',
          variables: { id: activationId },
        }),
      });
      const body = (await answer.json()) as {
        data: { timeline: { edges: { node: { type: string; payload: Record<string, unknown> } }[] } };
      };
      return body.data.timeline.edges.map((edge) => edge.node);
    };
    // The last command's event is in the read model, so all before it are too.
    await eventually(async () => (await types()).some((entry) => entry.type === 'subject.corrected'), 15_000);
    const entries = await types();
    expect(entries.filter((entry) => entry.type === 'signal.recorded')).toHaveLength(2);
    expect(entries.filter((entry) => entry.type === 'inspection.scheduled')).toHaveLength(1);
    expect(entries.filter((entry) => entry.type === 'document.attached')).toHaveLength(1);
    expect(entries.filter((entry) => entry.type === 'subject.corrected')).toHaveLength(1);
    const fines = entries.filter((entry) => entry.type === 'intervention.imposed');
    expect(fines).toHaveLength(1);
    expect(fines[0]!.payload).toMatchObject({ interventionType: 'FINE' });
    expect(String(fines[0]!.payload.amountEuroCents)).toBe('125050');

    // Completing the inspection names it from the timeline; once completed it is offered no more.
    const complete = await openDialog(page, 'Inspectie afronden');
    const inspections = complete.getByLabel('Inspectie', { exact: true });
    await expect(inspections.locator('option').count()).resolves.toBe(2);
    await expectNoHorizontalScroll(page);
    await inspections.selectOption({ index: 1 });
    await complete.getByLabel('Uitkomst in het kort').fill('Loods en woning bezocht');
    await complete.getByRole('button', { name: 'Vastleggen' }).click();
    await complete.waitFor({ state: 'hidden' });
    await page.getByText('Inspectie afronden: gelukt.').waitFor();
    await page.getByText('Loods en woning bezocht').waitFor({ timeout: 15_000 });
    const again = await openDialog(page, 'Inspectie afronden');
    await expect(again.getByLabel('Inspectie', { exact: true }).locator('option').count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await screenshot(page, 'inspector-activation-actions');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    await expectNoViolations(page, 'activation with actions (en)');
    await openDialog(page, 'Impose a measure');
    await expectNoViolations(page, 'measure dialog (en)');
  }, 180_000);

  it("opens every action's dialog by keyboard, axe finding nothing in Dutch or English, at 390 px", async () => {
    const page = await activationPage();
    const openers = page.locator('.keten-actions button[aria-haspopup="dialog"]');
    const count = await openers.count();
    expect(count).toBeGreaterThanOrEqual(19);
    for (const language of ['nl', 'en']) {
      for (let n = 0; n < count; n++) {
        const opener = openers.nth(n);
        const name = (await opener.textContent())!;
        const dialog = page.getByRole('dialog', { name });
        // A live update may draw the actions anew between focusing and the key press: focus it again.
        for (let attempt = 1; !(await dialog.isVisible()); attempt++) {
          if (attempt > 3) throw new Error(`${name}: Enter on its focused button opened no dialog, 3 times.`);
          await opener.focus();
          await page.keyboard.press('Enter');
          await dialog.waitFor({ timeout: 10_000 }).catch(() => undefined);
        }
        await expectNoHorizontalScroll(page);
        await expectNoViolations(page, `${name} (${language})`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await expect(
          opener.evaluate((element) => element === element.ownerDocument.activeElement),
        ).resolves.toBe(true);
      }
      if (language === 'nl') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
      }
    }
  }, 300_000);
});
