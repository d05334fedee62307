import { describe, expect, it } from '@jest/globals';
import { CloudEvent, Kafka, KafkaMessage } from 'cloudevents';
import { DataCategory } from '#domain';
import { sampleEvent } from '../catalogue/catalogue.fixtures.js';
import { redact } from '../redaction/redact.js';
import { dataClassification } from './data-classification.js';
import { FeedEntry, feedCloudEvent, feedRecord } from './feed-cloud-event.js';
import { nlGovProfileViolations } from './nl-gov-profile.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, CRIMINAL, INTERVENTION, REPORT } = DataCategory;
const SOURCE = 'urn:nld:oin:00000000000000000000:systeem:keten-test';

/** A signal that speaks of health as the municipality (no HEALTH) would get it on its feed. */
function municipalityEntry(): FeedEntry {
  const signal = sampleEvent('signal.recorded');
  const visible = redact(signal, new Set([CASE, LOCATION, EMPLOYER, PERSONAL, INTERVENTION, REPORT]))!;
  return {
    sequence: '1234',
    eventId: '5f0e7c1a-3b9e-4d2a-8c47-0a6f1e2b3c4d',
    activationId: 'act-1',
    type: signal.type,
    schemaVersion: 3,
    recordedAt: new Date('2026-03-02T09:15:00.000Z'),
    payload: visible.data,
    carried: visible.carried,
    withheld: visible.withheld,
  };
}

describe('feed CloudEvents', () => {
  it('carries the event as the agency may see it, with its classification, in the structured Kafka mode', () => {
    const entry = municipalityEntry();
    const record = feedRecord(feedCloudEvent(entry, SOURCE));

    expect(record.key).toBe('act-1');
    expect(record.headers).toEqual({ 'content-type': 'application/cloudevents+json; charset=utf-8' });
    expect(JSON.parse(record.value)).toEqual({
      specversion: '1.0',
      id: entry.eventId,
      source: SOURCE,
      type: 'nl.keten.signal.recorded.v3',
      subject: 'act-1',
      time: '2026-03-02T09:15:00.000Z',
      sequence: '0000000000000001234',
      datacontenttype: 'application/json',
      dataschema: 'urn:keten:event:signal.recorded:3',
      data: entry.payload,
      partitionkey: 'act-1',
      ...dataClassification(entry.carried),
      ketencategories: entry.carried.join(','),
      ketenwithheld: entry.withheld.join(','),
    });
    expect(entry.withheld).toContain(HEALTH);
  });

  it('follows the NL GOV profile for CloudEvents', () => {
    const event = JSON.parse(feedRecord(feedCloudEvent(municipalityEntry(), SOURCE)).value);
    expect(nlGovProfileViolations(event)).toEqual([]);
  });

  it('reads back through the SDK as a valid CloudEvent', () => {
    const entry = municipalityEntry();
    const { key, value, headers } = feedRecord(feedCloudEvent(entry, SOURCE));
    const message: KafkaMessage = { key, value, headers, body: value };
    const event = Kafka.toEvent(message);
    expect(event).toBeInstanceOf(CloudEvent);
    expect(event).toMatchObject({ id: entry.eventId, subject: 'act-1', data: entry.payload });
    expect((event as CloudEvent<unknown>).validate()).toBe(true);
  });

  it('leaves out ketenwithheld when nothing was withheld', () => {
    const entry = { ...municipalityEntry(), withheld: [] };
    expect(JSON.parse(feedRecord(feedCloudEvent(entry, SOURCE)).value)).not.toHaveProperty('ketenwithheld');
  });

  it.each([
    [[CASE, EMPLOYER], { dataclassification: 'confidential' }],
    [
      [CASE, PERSONAL],
      { dataclassification: 'restricted', dataregulation: 'GDPR', datacategory: 'standard' },
    ],
    [
      [CASE, CRIMINAL],
      { dataclassification: 'restricted', dataregulation: 'GDPR', datacategory: 'sensitive' },
    ],
    [
      [CASE, CRIMINAL, HEALTH, PERSONAL],
      { dataclassification: 'restricted', dataregulation: 'GDPR', datacategory: 'special-category' },
    ],
  ])('classifies a message carrying %p as %p', (carried, expected) => {
    expect(dataClassification(carried)).toEqual(expected);
  });
});
