import type { Page } from 'playwright-core';
import { configuredEventStore } from '#events';
import { loadConfig } from '#platform';
import { plantedPerson, ScenarioActivation } from '../../support/erasure-scenario.js';
import { ConsoleStage, expectNoHorizontalScroll, expectNoViolations, PHONE } from './console.fixture.js';

/**
 * An approved erasure as a recipient sees it (AVG art. 17 and 19), in real Chromium at 390×844: a signal of
 * NLA's activation names a person X, the municipality (GM0599, which holds PERSONAL) takes part and its
 * inspector sees X on the timeline. NLA's privacy officer asks on the phone to erase X by BSN, the second
 * approves it there (four eyes), the worker carries it out; then the inspector's timeline shows the entry
 * "Persoonsgegevens gewist" and "gewist" where X's name, BSN, birth date, nationality and the description
 * were, and the page holds X's BSN and name nowhere. The erasure screen scrolls nowhere sideways on the phone; axe finds no WCAG 2.1
 * A/AA violation on any page, in Dutch or English.
 */

/** Starting the api, worker, provider and Chromium on a busy machine of two cores takes its time. */
const STARTUP_MS = 180_000;

describe('an approved erasure on the timeline of a recipient agency', () => {
  const stage = new ConsoleStage();
  const x = plantedPerson('Xaver');
  let activation: ScenarioActivation;

  /** The municipality's inspector, signed in, on the activation (the reload signs in again). */
  async function timelinePage(): Promise<Page> {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'handhaver@gm0599');
    await page.goto(`${stage.url}/activaties/${activation.id}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();
    return page;
  }

  /** A privacy officer of NLA on the erasure screen. */
  async function erasurePage(login: string): Promise<Page> {
    const page = await stage.page(PHONE);
    await stage.signIn(page, login, 'Logboek dataverwerkingen');
    await page.getByRole('link', { name: 'Verzoeken tot wissen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzoeken tot wissen' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    await stage.start();
    const db = stage.database.dataSource;
    activation = new ScenarioActivation(configuredEventStore(db, loadConfig(stage.database.env)));
    await activation.open();
    await activation.join('GM0599');
    await activation.signal('s-x', x);
  }, STARTUP_MS);

  afterAll(async () => {
    await stage.stop();
  });

  it('shows "Persoonsgegevens gewist" and the erased values as "gewist", never the BSN or the name', async () => {
    const before = await timelinePage();
    const signalBefore = before.locator('.keten-timeline__entry', {
      has: before.getByRole('heading', { name: 'Signaal vastgelegd' }),
    });
    // X in the clear first (the open timeline is live): else every absence below would prove nothing.
    await signalBefore.filter({ hasText: x.name }).waitFor({ timeout: 30_000 });

    // Asked for on the phone by one privacy officer …
    const first = await erasurePage('privacy@nla');
    await first.getByLabel('BSN', { exact: true }).fill(x.bsn);
    await first.getByLabel('Grond').selectOption('UNLAWFULLY_PROCESSED');
    await first.getByLabel('Reden', { exact: true }).fill('Vastgelegd zonder grondslag.');
    await first.getByRole('button', { name: 'Verzoek indienen' }).click();
    await first.locator('[data-status="REQUESTED"]').waitFor();
    await expectNoHorizontalScroll(first);
    await expectNoViolations(first, 'erasure requested, phone (nl)');

    // … approved on the phone by another.
    const second = await erasurePage('privacy2@nla');
    const decision = second.getByRole('region', { name: /Een persoon \(BSN\), in alle zaken/ });
    await decision.waitFor();
    await expectNoHorizontalScroll(second);
    await expectNoViolations(second, 'erasure to decide, phone (nl)');
    await decision.getByLabel('Reden van uw besluit').fill('Getoetst: grondslag ontbrak.');
    await decision.getByRole('button', { name: 'Goedkeuren en wissen' }).click();
    await second.locator('[data-status="APPROVED"]').waitFor();
    await expectNoHorizontalScroll(second);
    await expectNoViolations(second, 'erasure approved, phone (nl)');

    // The worker carries it out: the recipient's open timeline says so at once; read anew, it shows the
    // erased values.
    await before.getByRole('heading', { name: 'Persoonsgegevens gewist' }).waitFor({ timeout: 30_000 });
    const page = await timelinePage();
    await page.getByRole('heading', { name: 'Persoonsgegevens gewist' }).waitFor();
    const signal = page.locator('.keten-timeline__entry', {
      has: page.getByRole('heading', { name: /^(Signaal vastgelegd|Signal recorded)$/ }),
    });
    const valueOf = (label: string) => signal.locator(`dt:text-is("${label}") + dd`).first().textContent();
    for (const label of ['Naam', 'BSN', 'Geboortedatum', 'Nationaliteit', 'Beschrijving'])
      await expect(valueOf(label).then((text) => [label, text])).resolves.toEqual([label, 'gewist']);
    const html = await page.content();
    expect({ bsn: html.includes(x.bsn), name: html.includes(x.name) }).toEqual({ bsn: false, name: false });
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'timeline after an erasure, phone (nl)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Personal data erased' }).waitFor();
    await expect(valueOf('Name')).resolves.toBe('erased');
    await expectNoViolations(page, 'timeline after an erasure, phone (en)');
  });
});
