import { DataCategory } from '#domain';
import { allEventTypes, catalogueEntry, feedCloudEvent, feedRecord, redact } from '#events';
import { sampleEvent } from '../../../libs/events/src/catalogue/catalogue.fixtures.js';
import { feedMessageProblems } from '../../support/cloudevents-validation.js';

const SOURCE = 'urn:nld:oin:00000001003214345000:systeem:keten';
const EVERY_CATEGORY = new Set(Object.values(DataCategory));

/** A message the way keten published it before it followed the NL GOV profile (issue 14). */
const beforeTheProfile = {
  specversion: '1.0',
  id: '0b5e3c52-6f0a-4c1e-9d57-3f1a8e2b7c40',
  source: 'urn:keten:development',
  type: 'activation.opened',
  subject: 'a-2026-0042',
  time: '2026-03-02T09:15:00.000Z',
  datacontenttype: 'application/json',
  dataschema: 'urn:keten:event:activation.opened:1',
  data: {},
  partitionkey: 'a-2026-0042',
  dataclassification: 'confidential',
  ketencategories: 'CASE',
};

/**
 * The validation every suite applies to the feed messages it reads from Kafka (feed-topics.fixture's
 * readTopic): the official CloudEvents JSON schema, vendored in test/fixtures/cloudevents, and the NL GOV
 * profile's rules. Shown here to catch what it must catch, and to pass every event type keten publishes.
 */
describe('feed messages against the CloudEvents schema and the NL GOV profile', () => {
  it.each([...allEventTypes()])('accepts %s as keten publishes it', (type) => {
    const visible = redact(sampleEvent(type), EVERY_CATEGORY)!;
    const record = feedRecord(
      feedCloudEvent(
        {
          sequence: 4711,
          eventId: '5f0e7c1a-3b9e-4d2a-8c47-0a6f1e2b3c4d',
          activationId: 'act-1',
          type,
          schemaVersion: catalogueEntry(type).schemaVersion,
          recordedAt: '2026-03-02T09:15:00.000Z',
          payload: visible.data,
          carried: visible.carried,
          withheld: visible.withheld,
        },
        SOURCE,
      ),
    );
    expect(feedMessageProblems(JSON.parse(record.value))).toEqual([]);
  });

  it('refuses the messages keten published before it followed the profile', () => {
    const problems = feedMessageProblems(beforeTheProfile);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^NL GOV profile: source "urn:keten:development"/),
        expect.stringMatching(/^NL GOV profile: type "activation.opened" is not reverse-DNS/),
        expect.stringMatching(/^NL GOV profile: sequence/),
      ]),
    );
  });

  it('refuses what the CloudEvents schema refuses', () => {
    const { id: _id, ...withoutId } = beforeTheProfile;
    expect(feedMessageProblems({ ...withoutId, time: 'yesterday' })).toEqual(
      expect.arrayContaining([
        "CloudEvents schema: / must have required property 'id'",
        'CloudEvents schema: /time must match format "date-time"',
      ]),
    );
  });
});
