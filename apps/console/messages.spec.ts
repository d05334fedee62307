import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The console's texts: Dutch and English hold the same keys, and every message id a component names
 * literally (`<FormattedMessage id="…">`, `formatMessage({ id: '…' })`) is in both.
 */
const SRC = join(import.meta.dirname, 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const messagesOf = (language: string): Record<string, string> =>
  Object.assign(
    {},
    ...readdirSync(join(SRC, 'i18n', language)).map(
      (file) => JSON.parse(readFileSync(join(SRC, 'i18n', language, file), 'utf8')) as Record<string, string>,
    ),
  );

describe("the console's message files", () => {
  const nl = messagesOf('nl');
  const en = messagesOf('en');

  it('hold the same keys in Dutch and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    expect(Object.entries({ ...nl, ...en }).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it('hold every id a component names', () => {
    const missing: string[] = [];
    for (const file of files(SRC).filter((name) => /\.tsx?$/.test(name) && !name.includes('generated'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(
        /(?:<FormattedMessage\b[^>]*?\bid=\{?|formatMessage\(\{\s*id:\s*)["'`]([a-zA-Z][\w.-]*)["'`]/g,
      ))
        if (!(match[1]! in nl)) missing.push(`${relative(SRC, file)}: ${match[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("the timeline's labels", () => {
  it('name every field of every event type that the timeline shows, in both languages', async () => {
    const { allEventTypes, catalogueEntry } = await import('#events');
    const { isShownPath } = await import('./src/activations/entry-paths.js');
    const nl = messagesOf('nl');
    const shown = new Set(
      allEventTypes().flatMap((type) =>
        Object.keys(catalogueEntry(type).fields)
          .map((path) => path.replace(/\[\]/g, '').replace(/\.text$/, ''))
          .filter((path) => !path.endsWith('.categories') && isShownPath(path)),
      ),
    );
    expect(shown.size).toBeGreaterThan(40);
    expect([...shown].filter((path) => !(`entry.${path}` in nl))).toEqual([]);
  });
});
