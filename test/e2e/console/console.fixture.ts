import { jest } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi } from '../../support/api-app.js';
import { agreeInForce } from '../../support/agreements.js';
import { accessibilityViolations, launchChromium } from '../../support/browser.js';
import { DEMO_PASSWORD, DevIdpProcess } from '../../support/dev-idp.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { freePort, ROOT } from '../../support/processes.js';
import { startWorker } from '../../support/worker-app.js';
import { DEMO_GRANTS } from '../feeds/feeds.fixture.js';

/*
 * A browser test walks a whole job (sign in, several screens, axe on each in two languages): on this
 * two-core machine beside another suite that takes longer than the suite-wide 60 s, so every console spec
 * (each imports this stage) gets two minutes a test. No timing is asserted by it: budgets live in bench/.
 */
jest.setTimeout(120_000);

/** A phone held upright, as inspectors in the field use the console. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * What every browser test of the console stands on: its own database, the real api (serving the built
 * console) and worker, the development identity provider, the demo's agreements in force by four eyes, and
 * Debian's Chromium. People sign in through the provider's own sign-in page, as they do.
 */
export class ConsoleStage {
  readonly database = new IsolatedDatabase();
  idp!: DevIdpProcess;
  api!: { app: INestApplication; url: string };
  worker!: INestApplication;
  browser!: Browser;
  private readonly contexts: BrowserContext[] = [];

  /** `tokenTtlSeconds` short makes the console's silent refresh happen within a test. */
  async start(options: { tokenTtlSeconds?: number; env?: Record<string, string> } = {}): Promise<this> {
    await this.database.create(2);
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    this.api = await startApi({
      ...this.database.env,
      OIDC_ISSUER_URL: issuer,
      JWT_AUDIENCE: 'keten',
      ...options.env,
    });
    this.worker = await startWorker({ ...this.database.env, ...options.env });
    this.idp = await new DevIdpProcess(
      {
        API_PORT: new URL(this.api.url).port,
        ...(options.tokenTtlSeconds ? { IDP_ACCESS_TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds) } : {}),
      },
      idpPort,
    ).start();
    this.browser = await launchChromium();
    // The demo's agreements, in force by four eyes (proposed by one agency's policy admin, approved by the
    // other's, each signed in at the provider), so that each agency sees what the demo lets it see.
    for (const input of DEMO_GRANTS)
      await agreeInForce(this.api.url, input, (agency) => this.tokenOf(`beleid@${agency.toLowerCase()}`));
    return this;
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser?.close();
    await this.idp?.stop();
    await this.worker?.close();
    await this.api?.app.close();
    await this.database.drop();
  }

  get url(): string {
    return this.api.url;
  }

  /** A fresh access token of a demo user, signed in at the provider as the scripts do. */
  async tokenOf(user: string): Promise<string> {
    return (await (await this.idp.client()).signIn(user, DEMO_PASSWORD)).access_token;
  }

  /** A new browser (its own cookies and storage) showing a page of the given size, in Dutch. */
  async page(viewport = PHONE, locale = 'nl-NL'): Promise<Page> {
    const context = await this.browser.newContext({ viewport, locale });
    this.contexts.push(context);
    return context.newPage();
  }

  /**
   * Through the console's sign-in button and the provider's own sign-in page, as a person does; waits for
   * the screen the role lands on (its level-1 heading).
   */
  async signIn(page: Page, login: string, landing = 'Activaties'): Promise<void> {
    await page.goto(this.api.url);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('#login').fill(login);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { level: 1, name: landing }).waitFor();
  }
}

/** axe-core's WCAG 2.1 A/AA rules find nothing on the page as it is now. */
export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  expect({ screen, violations: await accessibilityViolations(page) }).toEqual({ screen, violations: [] });
}

/** The screens of docs/console.md, as the tests see them (in .run/console-screenshots; copied to docs/images). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(join(ROOT, '.run/console-screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, '.run/console-screenshots', `${name}.png`), fullPage: true });
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // Evaluated in the page (a string: this file is compiled without the DOM's types).
  const widths = await page.evaluate<{ scroll: number; client: number }>(
    '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
  );
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

/** The element has the keyboard focus. */
export async function isFocused(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => element === element.ownerDocument.activeElement);
}

/** Opens an action's dialog from its button; the dialog is labelled by its heading and holds the focus. */
export async function openDialog(page: Page, action: string) {
  await page.getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  await expect(
    dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement)),
  ).resolves.toBe(true);
  return dialog;
}
