import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** The built processes, as `npm start` runs them: a malformed environment stops them before they connect. */
describe.each([
  ['api', 'dist/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
])('%s start-up with a malformed environment', (_name, entry) => {
  beforeAll(() => {
    if (!existsSync(resolve(ROOT, entry))) throw new Error(`${entry} is missing: run 'npm run build' first`);
  });

  it('stops with exit code 78 and a sentence naming DATABASE_URL', async () => {
    const outcome = await run('node', [entry], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'postgres//127.0.0.1/keten', NODE_ENV: 'test' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain('DATABASE_URL must be a PostgreSQL URL with a host and a database name');
    expect(outcome.stderr).toContain("got 'postgres//127.0.0.1/keten'");
  });
});
