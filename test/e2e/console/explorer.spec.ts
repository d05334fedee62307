import { ConsoleStage, DESKTOP, screenshot } from './console.fixture.js';

/**
 * The GraphQL explorer: in development the api sends a browser opening /graphql to the console's /explorer,
 * GraphiQL built from the project's own packages, which queries the api as the signed-in person; nothing is
 * loaded from any other origin. Elsewhere (here NODE_ENV=test) there is no explorer.
 */
describe('the GraphQL explorer', () => {
  const development = new ConsoleStage();

  beforeAll(async () => {
    await development.start({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => {
    await development.stop();
  });

  it('is served from the console itself in development and queries the api as the signed-in person', async () => {
    const page = await development.page(DESKTOP);
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    // The console's Content-Security-Policy holds for the explorer too: nothing it needs is refused.
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text().slice(0, 160));
    });
    await development.signIn(page, 'inspecteur@nla');
    await page.goto(`${development.url}/graphql`);
    expect(new URL(page.url()).pathname).toBe('/explorer');
    // Signed in again after the full page load (tokens live in memory only), then the explorer itself.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'GraphQL-verkenner' }).waitFor();
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // On a busy machine the editor may take a first click before it is ready to run: click again then.
    const answer = page.locator('.result-window').getByText('"agency": "NLA"');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.locator('.graphiql-execute-button').click();
      const shown = await answer.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => attempt === 3 && Promise.reject(new Error('the explorer showed no answer after three runs')),
      );
      if (shown) break;
    }
    await screenshot(page, 'explorer');
    expect(refused).toEqual([]);
    expect([...origins].sort()).toEqual([development.url, await development.idp.issuer()].sort());
  });
});

describe('without development', () => {
  const test = new ConsoleStage();

  beforeAll(async () => {
    await test.start();
  });
  afterAll(async () => {
    await test.stop();
  });

  it('has no explorer: /graphql is not sent there, and /explorer says it is not available', async () => {
    const answer = await fetch(`${test.url}/graphql`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(answer.status).not.toBe(302);
    expect(await (await fetch(`${test.url}/console-config.json`)).json()).toMatchObject({ explorer: false });
    const page = await test.page(DESKTOP);
    await test.signIn(page, 'inspecteur@nla');
    await page.goto(`${test.url}/explorer`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('De GraphQL-verkenner is er alleen in een ontwikkelomgeving').waitFor();
    expect(await page.locator('.graphiql-container').count()).toBe(0);
  });
});
