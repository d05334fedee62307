import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions, loadConfig, prepareDatabase } from '#platform';

/**
 * The benchmarks' own database (keten_bench unless BENCH_DATABASE_URL says otherwise), recreated unless asked
 * not to; with `suffix`, a second one beside it whose name ends so (keten_bench_plain), for a contestant
 * that needs a store of its own.
 */
export async function openBenchDatabase(
  poolSize = 40,
  { recreate = true, suffix = '' }: { recreate?: boolean; suffix?: string } = {},
): Promise<{ db: DataSource; config: AppConfig }> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keten_bench');
  url.pathname += suffix;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url.toString(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  });
  if (!config.databaseName.includes('bench') && !config.databaseName.includes('test')) {
    throw new Error(
      `Refusing to benchmark in '${config.databaseName}': use a database named for benchmarks.`,
    );
  }
  await prepareDatabase(config, { log: () => undefined, recreate });
  const db = await new DataSource(dataSourceOptions(config, { poolSize })).initialize();
  return { db, config };
}
