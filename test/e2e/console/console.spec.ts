import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { Page } from 'playwright-core';
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
 * The console (apps/console) in real Chromium, served by the real api from its built files, signing in
 * through the development identity provider's sign-in page with the code flow and PKCE: the inspector's
 * list and activation at 390×844, opened by keyboard, a timeline that another user's command updates live,
 * a finding recorded with the server's error shown at its field; axe finds no WCAG 2.1 A/AA violation on
 * any screen in Dutch or English.
 */

/** Access tokens of seconds, so that the console's silent refresh happens within a test. */
const TOKEN_TTL_SECONDS = 8;

/** A GET with the path exactly as given (fetch would normalise dot segments away). */
function rawGet(url: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const path = url.slice(url.indexOf('/', 'http://'.length));
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers: { accept: 'text/html' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the console in the browser', () => {
  const stage = new ConsoleStage();
  let activationId: string;
  const tokenOf = (user: string) => stage.tokenOf(user);
  const phone = () => stage.page(PHONE);
  const signIn = (page: Page, login: string) => stage.signIn(page, login);

  let api: ConsoleStage['api'];
  let idp: ConsoleStage['idp'];

  beforeAll(async () => {
    await stage.start({ tokenTtlSeconds: TOKEN_TTL_SECONDS });
    api = stage.api;
    idp = stage.idp;
    const nla = await tokenOf('inspecteur@nla');
    const opened = await send(api.url, 'openActivation', openPreventiveInput(), nla);
    expect(opened.errors).toBeUndefined();
    activationId = opened.result!.activationId;
    // The municipality takes part, so that another agency's inspector acts on the same activation; and UWV,
    // whose agreements leave out the location.
    for (const [mutation, user, input] of [
      ['inviteAgency', 'inspecteur@nla', { activationId, agency: 'GM0599' }],
      ['joinActivation', 'handhaver@gm0599', { activationId }],
      ['inviteAgency', 'inspecteur@nla', { activationId, agency: 'UWV' }],
      ['joinActivation', 'inspecteur@uwv', { activationId }],
    ] as const) {
      const answer = await send(api.url, mutation, input, await tokenOf(user));
      expect(answer.errors).toBeUndefined();
    }
    await eventually(async () => {
      const seen = await graphql<{ activations: { edges: unknown[] } }>(
        api.url,
        '{ activations { edges { node { id } } } }',
        {},
        nla,
      );
      return (seen.data?.activations.edges.length ?? 0) > 0;
    }, 30_000);
  });

  afterAll(async () => {
    await stage.stop();
  });

  it('is served by the api at / from its built files, with a policy that allows only itself and the provider', async () => {
    const response = await fetch(`${api.url}/activaties/${randomUUID()}`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<script type="module"[^>]+src="\/assets\/index-[\w-]+\.js"/);
    expect(html).not.toMatch(/https?:\/\//);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("font-src 'self';");
    expect(policy).toContain(`connect-src 'self' ws://${new URL(api.url).host} ${await idp.issuer()}`);
    const config = await (await fetch(`${api.url}/console-config.json`)).json();
    expect(config).toEqual({ issuer: await idp.issuer(), clientId: 'keten-console', explorer: false });
    // Nothing outside the built console is served, however the path is spelled.
    for (const path of [
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
    ]) {
      const answer = await rawGet(`${api.url}${path}`);
      expect({ path, leaked: answer.body.includes('"name": "keten"') }).toEqual({ path, leaked: false });
    }
    // The api's own paths stay the api's.
    expect((await fetch(`${api.url}/health/ready`)).headers.get('content-type')).toMatch(/json/);
  });

  it('signs an inspector in through the provider and lists what the agency sees, at 390×844, in Dutch and English', async () => {
    const page = await phone();
    await page.goto(api.url);
    await expectNoViolations(page, 'sign-in (nl)');
    await signIn(page, 'inspecteur@nla');
    await expect(page.getByTestId('who').textContent()).resolves.toContain('NLA');
    const link = page.getByRole('link', { name: 'Preventieve activatie in GM0599' });
    await link.waitFor();
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'activations (nl)');
    await screenshot(page, 'inspector-activations');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activations' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectNoViolations(page, 'activations (en)');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activaties' }).waitFor();
  });

  it("opens an activation by keyboard alone and shows another agency's command on the timeline live", async () => {
    const page = await phone();
    await signIn(page, 'inspecteur@nla');
    const link = page.getByRole('link', { name: 'Preventieve activatie in GM0599' });
    await link.waitFor();
    let focused = false;
    for (let presses = 0; presses < 20 && !focused; presses++) {
      await page.keyboard.press('Tab');
      focused = await link.evaluate((element) => element === element.ownerDocument.activeElement);
    }
    expect(focused).toBe(true);
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' });
    await heading.waitFor();
    // Focus moves to the new screen's heading.
    await expect(
      heading.evaluate((element) => element === element.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await page.getByText('De tijdlijn wordt live bijgewerkt.').waitFor();
    await page.locator('[data-event-id]').first().waitFor();
    const before = await page.locator('[data-event-id]').count();
    await expectNoHorizontalScroll(page);
    await expectNoViolations(page, 'activation (nl)');

    // Another user, of another agency, records a signal through the api.
    const signal = await send(
      api.url,
      'recordSignal',
      {
        activationId,
        signalId: randomUUID(),
        source: { kind: 'ANONYMOUS' },
        description: 'Te veel mensen in één woning',
      },
      await tokenOf('handhaver@gm0599'),
    );
    expect(signal.errors).toBeUndefined();
    const [eventId] = signal.result!.eventIds;
    await page.locator(`[data-event-id="${eventId}"]`).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-event-id]').count()).toBe(before + 1);
    await expect(page.locator(`[data-event-id="${eventId}"]`).textContent()).resolves.toContain(
      'door GM0599',
    );
    await screenshot(page, 'inspector-activation');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    await expectNoViolations(page, 'activation (en)');
  });

  it('records a finding, and shows the server refusing one at the field it names', async () => {
    const page = await phone();
    await signIn(page, 'inspecteur@nla');
    await page.goto(`${api.url}/activaties/${activationId}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();

    await page.locator('[data-event-id]').first().waitFor();

    // A BSN in a location finding's description: the domain refuses it, naming the description.
    const description = page.getByLabel('Beschrijving');
    await page.getByLabel('Soort bevinding').selectOption('LOCATION');
    await description.fill('Bewoner met BSN 111222333 slaapt in de kas');
    await page.getByRole('button', { name: 'Bevinding vastleggen' }).click();
    await page.locator('textarea[aria-invalid="true"]').waitFor();
    const errorId = (await description.getAttribute('aria-describedby'))!.split(' ')[1]!;
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/BSN|PERSONAL/);
    await expect(
      description.evaluate((element) => element === element.ownerDocument.activeElement),
    ).resolves.toBe(true);
    await expectNoViolations(page, 'finding refused (nl)');

    const entries = await page.locator('[data-event-id]').count();
    await description.fill('Twaalf bedden in een kas zonder nooduitgang');
    await page.getByRole('button', { name: 'Bevinding vastleggen' }).click();
    await page.getByText('De bevinding is vastgelegd.').waitFor();
    await page.getByText('Twaalf bedden in een kas zonder nooduitgang').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-event-id]').count()).toBe(entries + 1);
    await expect(description.getAttribute('aria-invalid')).resolves.toBeNull();
  });

  it('shows the whole timeline of an activation past the first page the api answers (100 entries)', async () => {
    let nla = await tokenOf('inspecteur@nla');
    // In another municipality, so that the other tests' links stay one each.
    const opened = await send(
      api.url,
      'openActivation',
      openPreventiveInput({ municipality: 'GM0606' }),
      nla,
    );
    expect(opened.errors).toBeUndefined();
    const long = opened.result!.activationId;
    const signals = 120;
    for (let n = 1; n <= signals; n++) {
      // A fresh token now and then: this suite's tokens live seconds, and a busy machine sends slowly.
      if (n % 20 === 0) nla = await tokenOf('inspecteur@nla');
      const answer = await send(
        api.url,
        'recordSignal',
        {
          activationId: long,
          signalId: randomUUID(),
          source: { kind: 'ANONYMOUS' },
          description: `Signaal ${n}`,
        },
        nla,
      );
      expect(answer.errors).toBeUndefined();
    }
    const page = await phone();
    await signIn(page, 'inspecteur@nla');
    await page.goto(`${api.url}/activaties/${long}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    // The opening and every signal, in the order they happened, once each.
    await page.locator('[data-event-id]').nth(signals).waitFor({ timeout: 30_000 });
    await page.locator('ol.keten-timeline[aria-busy="false"]').waitFor();
    expect(await page.locator('[data-event-id]').count()).toBe(signals + 1);
    await expect(page.locator('[data-event-id]').last().textContent()).resolves.toContain(
      `Signaal ${signals}`,
    );
  });

  it('says what the agency may not see instead of leaving it empty', async () => {
    const page = await phone();
    await signIn(page, 'inspecteur@uwv');
    const card = page.getByRole('listitem').filter({ hasText: 'Preventieve activatie in GM0599' });
    await card.waitFor();
    // UWV's agreements leave out LOCATION: the city is withheld, the employer (EMPLOYER) is shown.
    await expect(card.textContent()).resolves.toContain('Locatieniet zichtbaar voor uw organisatie');
    await expect(card.textContent()).resolves.toContain('Kas BV');
    await expectNoViolations(page, 'activations withheld (nl)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activations' }).waitFor();
    await page.getByText('not visible to your agency').first().waitFor();
    await expectNoViolations(page, 'activations withheld (en)');
  });

  it('refreshes its token silently, live updates going on, and signs out at the provider too', async () => {
    const page = await phone();
    await signIn(page, 'inspecteur@nla');
    await page.getByRole('link', { name: 'Preventieve activatie in GM0599' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preventieve activatie in GM0599' }).waitFor();
    await page.locator('[data-event-id]').first().waitFor();
    // Past the access token's lifetime: the console has refreshed it meanwhile, so the api still answers,
    // over HTTP and on the live timeline.
    await new Promise((resolve) => setTimeout(resolve, (TOKEN_TTL_SECONDS + 3) * 1000));
    const signal = await send(
      api.url,
      'recordSignal',
      {
        activationId,
        signalId: randomUUID(),
        source: { kind: 'ANONYMOUS' },
        description: 'Na de verversing',
      },
      await tokenOf('handhaver@gm0599'),
    );
    expect(signal.errors).toBeUndefined();
    await page.locator(`[data-event-id="${signal.result!.eventIds[0]}"]`).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Terug naar de activaties' }).click();
    await page.getByRole('link', { name: 'Preventieve activatie in GM0599' }).waitFor();

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    // The provider asks to confirm, as oidc-provider's logout page does, then sends the browser back.
    await page.locator('button[name=logout][value=yes]').click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(api.url).origin);
    // The session at the provider ended too: signing in asks for the password again.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('#password').waitFor();
  });
});
