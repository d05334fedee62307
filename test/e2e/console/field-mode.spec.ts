import type { BrowserContext, Page } from 'playwright-core';
import { activationStreamId } from '#events';
import { openPreventiveInput, send } from '../activations/activation-mutations.fixture.js';
import { eventually } from '../feeds/feeds.fixture.js';
import { ConsoleStage, expectNoViolations, PHONE } from './console.fixture.js';

/**
 * Field mode (issue 18): a finding logged while the browser is offline waits on the device with its command
 * id, the screen says so, and once online it is sent; exactly one event is appended, also when the api took
 * the command but its answer was lost on the way (the same command id sent again appends nothing).
 */
/** Starting the api, worker, provider and Chromium on a busy machine of two cores takes its time. */
const STARTUP_MS = 180_000;

describe('the console in field mode', () => {
  const stage = new ConsoleStage();
  let activationId: string;

  const findings = async (description: string): Promise<number> => {
    const rows = (await stage.database.dataSource.query(
      `SELECT count(*)::int AS n FROM events
        WHERE stream_id = $1 AND type = 'finding.recorded' AND data->'description'->>'text' = $2`,
      [activationStreamId(activationId), description],
    )) as { n: number }[];
    return rows[0]!.n;
  };

  async function activationPage(): Promise<{ page: Page; context: BrowserContext }> {
    const page = await stage.page(PHONE);
    await stage.signIn(page, 'inspecteur@nla');
    await page.getByRole('link', { name: 'Preventieve activatie in GM0599' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();
    await page.getByText('De tijdlijn wordt live bijgewerkt.').waitFor();
    return { page, context: page.context() };
  }

  async function logFinding(page: Page, description: string): Promise<void> {
    await page.getByLabel('Soort bevinding').selectOption('LOCATION');
    await page.getByLabel('Beschrijving').fill(description);
    await page.getByRole('button', { name: 'Bevinding vastleggen' }).click();
  }

  beforeAll(async () => {
    await stage.start();
    const opened = await send(
      stage.url,
      'openActivation',
      openPreventiveInput(),
      await stage.tokenOf('inspecteur@nla'),
    );
    expect(opened.errors).toBeUndefined();
    activationId = opened.result!.activationId;
  }, STARTUP_MS);

  afterAll(async () => {
    await stage.stop();
  });

  it('keeps a finding logged offline on the device, says it waits, and appends it exactly once when online', async () => {
    const { page, context } = await activationPage();
    const description = 'Offline vastgesteld: twaalf bedden in de kas';
    await context.setOffline(true);
    await logFinding(page, description);
    await page.getByText('Geen verbinding: dit apparaat bewaart de actie').waitFor();
    const waiting = page.getByTestId('field-mode-waiting');
    await waiting.getByText(/Bevinding vastleggen \(om \d\d:\d\d\)/).waitFor();
    await expect(page.getByLabel('Beschrijving').inputValue()).resolves.toBe('');
    await expectNoViolations(page, 'field mode, waiting (nl)');
    expect(await findings(description)).toBe(0);

    await context.setOffline(false);
    await waiting.getByText('Bevinding vastleggen').waitFor({ state: 'detached', timeout: 20_000 });
    await eventually(async () => (await findings(description)) > 0, 15_000);
    await page.getByText(description).waitFor({ timeout: 15_000 });
    // Past the console's retry interval: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await findings(description)).toBe(1);
  }, 120_000);

  it('sends a command whose answer was lost again with its command id: the api appends it once', async () => {
    const { page } = await activationPage();
    const description = 'Antwoord onderweg verloren: geen nooduitgang';
    // The api takes the first attempt, but the browser never hears its answer.
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      if (lost === 0 && route.request().postData()?.includes('recordFinding')) {
        lost++;
        await route.fetch();
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await logFinding(page, description);
    await page.getByText('Geen verbinding: dit apparaat bewaart de actie').waitFor();
    await page.getByTestId('field-mode-waiting').getByText('Bevinding vastleggen').waitFor({
      state: 'detached',
      timeout: 20_000,
    });
    expect(lost).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await findings(description)).toBe(1);
  }, 120_000);
});
