import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import type { ParseOutput } from '@asyncapi/parser';
import { allEventTypes, catalogueEntry, feedEventType, parseFeedEventType } from '#events';

const DOCUMENT = resolve(import.meta.dirname, '../../../docs/asyncapi.yaml');

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  const?: string;
}

/** The field paths a payload schema describes, written as the catalogue writes them (`subjects[].bsn`). */
function fieldPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => {
    const path = prefix + name;
    if (child.items) return child.items.properties ? fieldPaths(child.items, `${path}[].`) : [`${path}[]`];
    return child.properties ? fieldPaths(child, `${path}.`) : [path];
  });
}

/** The AsyncAPI document of the feeds: valid AsyncAPI 3, and in step with the event catalogue. */
describe('docs/asyncapi.yaml', () => {
  let parsed: ParseOutput;

  beforeAll(async () => {
    parsed = await new Parser().parse(readFileSync(DOCUMENT, 'utf8'));
  });

  it('parses with @asyncapi/parser without errors', () => {
    const errors = parsed.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed.document?.version()).toBe('3.0.0');
  });

  it('describes the per-agency topic, keyed by activation id', () => {
    const channel = parsed.document!.channels().get('agencyFeed')!;
    expect(channel.address()).toBe('keten.feed.{agency}');
    expect(channel.parameters().get('agency')).toBeDefined();
    for (const message of channel.messages().all()) {
      expect(message.contentType()).toBe('application/cloudevents+json; charset=utf-8');
      expect(message.bindings().get('kafka')?.value().key).toMatchObject({ type: 'string' });
    }
  });

  it('has a message for every event type of the catalogue, field by field, at its schema version', () => {
    const described = new Map(
      parsed
        .document!.channels()
        .get('agencyFeed')!
        .messages()
        .all()
        .map((message) => {
          const own = (message.payload()!.json() as JsonSchema).allOf![1].properties!;
          const dataschema = own.dataschema.const;
          return [
            parseFeedEventType(own.type.const!)?.wireName ?? own.type.const,
            {
              type: own.type.const,
              dataschema,
              fields: fieldPaths(own.data).sort(),
            },
          ];
        }),
    );
    expect([...described.keys()].sort()).toEqual([...allEventTypes()].sort());
    for (const type of allEventTypes()) {
      const entry = catalogueEntry(type);
      expect({ wireName: type, ...described.get(type) }).toEqual({
        wireName: type,
        type: feedEventType(type, entry.schemaVersion),
        dataschema: `urn:keten:event:${type}:${entry.schemaVersion}`,
        fields: Object.keys(entry.fields).sort(),
      });
    }
  });
});
