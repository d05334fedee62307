import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startApi } from '../../support/api-app.js';
import { ROOT } from '../../support/processes.js';

/**
 * The console's operation types are generated (graphql-codegen, `npm run codegen:console`) from
 * apps/console/schema.graphql. This test keeps that file the api's schema: a change to the api's schema fails
 * here until the file is printed again (`npm run schema:console`), and then the console's build fails wherever
 * an operation no longer fits, so a schema change breaks the build rather than the user.
 */
const SCHEMA_FILE = join(ROOT, 'apps/console/schema.graphql');

describe("the console's copy of the api's schema", () => {
  let api: { app: INestApplication; url: string };

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.app.close();
  });

  it('is the schema the api serves', async () => {
    const printed = `${printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema))}\n`;
    if (process.env.UPDATE_CONSOLE_SCHEMA === '1') await writeFile(SCHEMA_FILE, printed);
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(printed);
  });
});
