import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../deploy/demo/demo-loader.js';
import { AppendCase, benchAppend } from './append/append.bench.js';
import { benchConsole } from './console/console.bench.js';
import { benchCommandPath } from './graphql/command-path.bench.js';
import { benchNotFoundParity } from './graphql/not-found-parity.bench.js';
import { benchLag } from './lag/lag.bench.js';
import { benchQueries } from './queries/queries.bench.js';
import { benchRebuild } from './rebuild/rebuild.bench.js';
import { benchSealing } from './sealing/sealing.bench.js';
import { benchSearch } from './search/search.bench.js';
import { BenchReport, markdownReport } from './report/markdown-report.js';
import { throughputChart } from './report/throughput-chart.js';
import { openBenchDatabase } from './support/bench-database.js';

const PARTS = ['append', 'command', 'parity', 'lag', 'rebuild', 'queries', 'search', 'console', 'sealing'];
/** docs/benchmarks.md keeps everything from this line on across runs. */
const ANALYSIS_MARKER = '<!-- analysis: kept when the tables above are regenerated -->';

/**
 * `npm run bench [-- --quick] [-- --smoke] [-- --only rebuild,queries]`: every measurement of docs/benchmarks.md in one run, with
 * progress on stderr. --quick finishes in a few minutes; --smoke (used by the test suite) only proves
 * that the scripts still run, with tiny sizes, and writes nothing to docs/.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, smoke: { type: 'boolean' }, only: { type: 'string' } },
  });
  const size = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const parts = values.only?.split(',') ?? PARTS;
  const unknown = parts.filter((part) => !PARTS.includes(part));
  if (unknown.length > 0) {
    throw new Error(
      `unknown part(s) ${unknown.join(', ')}: --only takes a comma-separated list of ${PARTS.join(', ')}`,
    );
  }
  const wanted = (part: string) => parts.includes(part);
  const plan = {
    smoke: {
      appends: 20,
      writers: [1, 4],
      command: 1,
      probes: 20,
      lagRates: [50],
      lagSeconds: 2,
      activations: 200,
      clients: 4,
      queries: 40,
      searches: 40,
      timelineEvents: 30,
      consoleSamples: 1,
      sealing: { appends: 20, writers: [1, 4], rounds: 2, activations: 30, clients: 4, queries: 20 },
    },
    quick: {
      appends: 600,
      writers: [1, 8, 32],
      command: 5,
      probes: 500,
      lagRates: [500, 1000],
      lagSeconds: 10,
      activations: 20_000,
      clients: 16,
      queries: 800,
      searches: 200,
      timelineEvents: 1000,
      consoleSamples: 3,
      sealing: { appends: 300, writers: [1, 8], rounds: 2, activations: 2000, clients: 16, queries: 200 },
    },
    full: {
      appends: 3000,
      writers: [1, 8, 32],
      command: 15,
      probes: 2000,
      lagRates: [500, 1000, 1500],
      lagSeconds: 30,
      activations: 100_000,
      clients: 16,
      queries: 4000,
      searches: 400,
      timelineEvents: 1000,
      consoleSamples: 10,
      // Sized to take under ten minutes on two shared cores.
      sealing: { appends: 1000, writers: [1, 8], rounds: 4, activations: 6000, clients: 16, queries: 400 },
    },
  }[size];

  const cases: AppendCase[] = [];
  for (const hot of [false, true]) {
    for (const eventsPerAppend of [1, 5]) {
      for (const writers of plan.writers) {
        for (const contestant of ['keten', 'emmett', 'raw'] as const)
          cases.push({ contestant, writers, eventsPerAppend, hot });
      }
    }
  }
  const report: BenchReport = {
    command: `npm run bench${size === 'full' ? '' : ` -- --${size}`}`,
    quick: size !== 'full',
    postgres: '',
  };
  {
    const { db } = await openBenchDatabase(2);
    [{ version: report.postgres }] = await db.query(
      `SELECT split_part(version(), ' ', 1) || ' ' || current_setting('server_version') AS version`,
    );
    await db.destroy();
  }
  if (wanted('append')) {
    process.stderr.write(`[bench] 1/5 append (${cases.length} cases)\n`);
    report.append = await benchAppend(cases, plan.appends);
  }

  if (wanted('command')) {
    process.stderr.write('[bench] 2/5 command path over GraphQL\n');
    const { db, config } = await openBenchDatabase();
    await db.destroy();
    report.commandPath = await benchCommandPath(config.databaseUrl, plan.command);
  }

  if (wanted('parity')) {
    process.stderr.write('[bench] 2b/5 NOT_FOUND timing: hidden vs absent activations\n');
    const { db, config } = await openBenchDatabase();
    await db.destroy();
    report.notFoundParity = await benchNotFoundParity(config.databaseUrl, plan.probes);
  }

  if (wanted('lag')) {
    process.stderr.write('[bench] 3/5 lag: read models and Kafka\n');
    const { db, config } = await openBenchDatabase(20, { recreate: false });
    report.lag = await benchLag(db, config.databaseUrl, plan.lagRates, plan.lagSeconds);
    await db.destroy();
  }

  if (wanted('rebuild')) {
    process.stderr.write(`[bench] 4/5 rebuild (${plan.activations} activations)\n`);
    report.rebuild = await benchRebuild(plan.activations);
  }

  if (wanted('queries')) {
    process.stderr.write('[bench] 5/5 queries on the rebuilt store\n');
    const { db, config } = await openBenchDatabase(20, { recreate: false });
    report.queries = await benchQueries(db, config.databaseUrl, plan.clients, plan.queries);
    await db.destroy();
  }

  if (wanted('search')) {
    process.stderr.write('[bench] 6/6 search on the rebuilt store\n');
    const { db, config } = await openBenchDatabase(20, { recreate: false });
    report.search = await benchSearch(db, config.databaseUrl, plan.clients, plan.searches);
    await db.destroy();
  }

  if (wanted('console')) {
    process.stderr.write('[bench] 7/7 console: first load, a long timeline, live updates (Chromium)\n');
    const { db, config } = await openBenchDatabase(4);
    report.console = await benchConsole(db, config.databaseUrl, plan.timelineEvents, plan.consoleSamples);
    await db.destroy();
  }

  if (wanted('sealing')) {
    process.stderr.write(
      `[bench] 8/8 sealing: append, rebuild and queries with personal values sealed vs in the clear (${plan.sealing.activations} activations)\n`,
    );
    report.sealing = await benchSealing(plan.sealing);
  }

  if (size === 'smoke') {
    process.stderr.write('[bench] smoke run complete\n');
    return;
  }
  if (parts.length < PARTS.length) {
    // A partial run does not replace the full report: it prints its tables instead.
    process.stdout.write(`${markdownReport(report)}\n`);
    return;
  }
  const docs = join(REPO_ROOT, 'docs');
  mkdirSync(docs, { recursive: true });
  const file = join(docs, 'benchmarks.md');
  // What people wrote below the marker (reading the figures) stays; the tables above it are regenerated.
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const analysis = previous.includes(ANALYSIS_MARKER)
    ? previous.slice(previous.indexOf(ANALYSIS_MARKER))
    : '';
  writeFileSync(file, markdownReport(report) + (analysis ? `\n${analysis}` : ''));
  writeFileSync(join(docs, 'benchmarks-throughput.svg'), throughputChart(report.append ?? []));
  process.stderr.write(`[bench] wrote docs/benchmarks.md and docs/benchmarks-throughput.svg\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
