import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CLI = 'dist/bench/bench.cli.js';

/** The benchmarks are not timed here (timing goals live in bench/): this only keeps the scripts from rotting. */
describe('npm run bench -- --smoke', () => {
  it('runs every benchmark end to end at tiny sizes', async () => {
    if (!existsSync(resolve(ROOT, CLI))) throw new Error(`${CLI} is missing: run 'npm run build' first`);
    const { stderr } = await run('node', [CLI, '--smoke'], {
      cwd: ROOT,
      timeout: 240_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    for (const step of [
      '1/5 append',
      '2/5 command path',
      '3/5 lag',
      '4/5 rebuild',
      '5/5 queries',
      '8/8 sealing',
    ]) {
      expect(stderr).toContain(step);
    }
    // The lag run measures through Kafka too: some of its events must have come out of an agency topic.
    const consumed = [...stderr.matchAll(/\((\d+) consumed\)/g)].map((m) => Number(m[1]));
    expect(consumed.length).toBeGreaterThan(0);
    expect(Math.min(...consumed)).toBeGreaterThan(0);
    expect(stderr).toContain('[bench] smoke run complete');
  }, 300_000);
});
