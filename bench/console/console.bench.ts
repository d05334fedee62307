import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OidcBrowserClient } from '../../apps/idp/src/dev-idp.client.js';
import { REPO_ROOT } from '../../deploy/demo/demo-loader.js';
import { loadDemoAgreements } from '../generator/bulk-load.js';
import { openActivationInput, startBenchApi } from '../support/bench-api.js';
import { startWorkerProcess, stopProcess } from '../support/bench-worker.js';
import { launchChromium } from '../support/chromium.js';
import { freePort } from '../support/free-port.js';
import { LatencyStats } from '../support/latency-stats.js';

export interface ConsoleResult {
  /** The JavaScript the first load of the console runs (index.html's module script and its preloads). */
  initialJs: { files: number; rawKiB: number; gzipKiB: number; brotliKiB: number };
  /** Opening an activation whose timeline holds `events` entries, in Chromium on this machine. */
  timeline: {
    events: number;
    samples: number;
    /** Click on the activation → its heading and the first timeline entries are on screen. */
    firstEntries: { p50: number; max: number };
    /** Click → the first entries shown and the page answers input (a key press reaches a field). */
    interactive: { p50: number; max: number };
    /** Click → every entry rendered (the pages behind the first read one after another). */
    allEntries: { p50: number; max: number };
  };
  /** Another user's command answered (its event committed) → the entry on the coordinator's open timeline. */
  live: { p50: number; p99: number; samples: number };
}

const DEMO_PASSWORD = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/idp/seed.json'), 'utf8')) as { password: string }
).password;
const CONSOLE_DIR = join(REPO_ROOT, 'dist/console');

/** The first load's JavaScript: the module script index.html names and what it preloads, compressed as served. */
export function initialJavaScript(): ConsoleResult['initialJs'] {
  const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(join(CONSOLE_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { files: files.length, rawKiB: kib(raw), gzipKiB: kib(gzip), brotliKiB: kib(brotli) };
}

/** The development identity provider (apps/idp, built) in a process of its own, for the console's sign-in. */
async function startIdp(apiPort: number): Promise<{ issuer: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'keten-bench-idp-'));
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/idp/src/main.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      IDP_PORT: String(port),
      API_PORT: String(apiPort),
      IDP_KEYS_FILE: join(dir, 'signing-keys.json'),
      IDP_BACKCHANNEL_LOGOUT_URI: '',
    },
    stdio: 'ignore',
  });
  const issuer = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error('the identity provider exited at start');
    const ready = await fetch(`${issuer}/.well-known/openid-configuration`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (tries > 300) throw new Error(`the identity provider did not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    issuer,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one command; answers the ids of the events it appended. */
async function send(url: string, token: string, mutation: string, input: unknown): Promise<string[]> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { eventIds } }`,
      variables: { input },
    }),
  });
  const answer = (await response.json()) as {
    data?: Record<string, { eventIds: string[] }>;
    errors?: { message: string }[];
  };
  if (answer.errors) throw new Error(`${mutation}: ${answer.errors[0]!.message}`);
  return answer.data![mutation]!.eventIds;
}

const signal = (activationId: string, description: string) => ({
  activationId,
  signalId: randomUUID(),
  source: { kind: 'ANONYMOUS' },
  description,
});

/** Through the console's sign-in button and the provider's sign-in page, as a person does. */
async function signIn(page: Page, url: string, login: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { level: 1, name: 'Activaties' }).waitFor();
}

/**
 * The console's budgets: the first load's JavaScript (target under 300 kB compressed), an activation with a
 * timeline of `events` entries interactive (target within 1 s), and a coordinator's open timeline showing
 * another user's command (target within 1 s), in Debian's Chromium against the real api and provider.
 */
export async function benchConsole(
  db: DataSource,
  databaseUrl: string,
  events: number,
  samples: number,
): Promise<ConsoleResult> {
  const initialJs = initialJavaScript();
  const [{ count }] = await db.query(
    `SELECT count(*)::int AS count FROM events WHERE type IN ('agreement.granted', 'agreement.proposed')`,
  );
  if (count === 0) await loadDemoAgreements(db);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    SUBSCRIPTION_POLL_MS: '200',
    WORKER_PORT: String(await freePort()),
    FEED_TOPIC_PREFIX: 'keten.feed.bench.',
  });
  const worker = await startWorkerProcess();
  const apiPort = await freePort();
  const idp = await startIdp(apiPort);
  const api = await startBenchApi(databaseUrl, {
    OIDC_ISSUER_URL: idp.issuer,
    JWT_AUDIENCE: 'keten',
    API_PORT: String(apiPort),
  });
  const browser = await launchChromium();
  try {
    const url = api.url;
    const tokenOf = async (user: string) =>
      (await new OidcBrowserClient(idp.issuer).signIn(user, DEMO_PASSWORD)).access_token;
    const nla = await tokenOf('inspecteur@nla');
    const activationId = randomUUID();
    await send(url, nla, 'openActivation', openActivationInput(activationId));
    process.stderr.write(`[bench] console: ${events} timeline entries\n`);
    for (let n = 1; n < events; n++)
      await send(url, nla, 'recordSignal', signal(activationId, `Signaal ${n}`));

    // Opening the activation from the list, `samples` times (back to the list in between).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await signIn(page, url, 'inspecteur@nla');
    const first = new LatencyStats();
    const interactive = new LatencyStats();
    const all = new LatencyStats();
    const link = page.locator(`a[href="/activaties/${activationId}"]`);
    for (let sample = 0; sample < samples; sample++) {
      await link.waitFor();
      const started = Date.now();
      await link.click();
      await page.locator('[data-event-id]').first().waitFor();
      first.add(Date.now() - started);
      // A key press into a field of the page, answered once the page's main thread is free again.
      const field = page.locator('textarea').first();
      await field.focus();
      await page.keyboard.type('x');
      if ((await field.inputValue()) !== 'x') throw new Error('the key press did not reach the field');
      interactive.add(Date.now() - started);
      await page
        .locator('[data-event-id]')
        .nth(events - 1)
        .waitFor({ timeout: 60_000 });
      all.add(Date.now() - started);
      await field.fill('');
      await page.goBack();
    }

    // A coordinator's open timeline, another agency's inspector acting.
    const coordinator = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })
    ).newPage();
    await signIn(coordinator, url, 'coordinator@vr17');
    await coordinator.goto(`${url}/activaties/${activationId}`);
    await coordinator.getByRole('button', { name: 'Inloggen' }).click();
    await coordinator.locator('[data-event-id]').first().waitFor({ timeout: 60_000 });
    await coordinator.getByText('De tijdlijn wordt live bijgewerkt.').waitFor();
    const live = new LatencyStats();
    for (let sample = 0; sample < samples * 4; sample++) {
      // From the command's answer: the event is committed then.
      const [eventId] = await send(url, nla, 'recordSignal', signal(activationId, `Live ${sample}`));
      const started = Date.now();
      await coordinator.locator(`[data-event-id="${eventId}"]`).waitFor({ timeout: 30_000 });
      live.add(Date.now() - started);
    }
    return {
      initialJs,
      timeline: {
        events,
        samples,
        firstEntries: { p50: first.percentile(50), max: first.percentile(100) },
        interactive: { p50: interactive.percentile(50), max: interactive.percentile(100) },
        allEntries: { p50: all.percentile(50), max: all.percentile(100) },
      },
      live: { p50: live.percentile(50), p99: live.percentile(99), samples: live.count },
    };
  } finally {
    await browser.close();
    await api.close();
    await idp.stop();
    await stopProcess(worker);
  }
}
