import { DataCategory } from '#domain';
import { ERASED, StoredEvent } from '#events';
import { erasureRewrites } from './feed-erasure.js';
import type { FeedRow } from './feed.table.js';

const { CASE, PERSONAL } = DataCategory;

const signal = (subject: unknown, description: unknown) => ({
  signalId: 's-1',
  recordedBy: 'NLA',
  source: { kind: 'ANONYMOUS' },
  description,
  subjects: [subject],
});
const person = { subjectId: 'p-1', name: 'Jan Kowalski', bsn: '111222333' };
const gone = { subjectId: ERASED, name: ERASED, bsn: ERASED };

/** The signal as the store opens it once the person's keys are gone. */
const opened = {
  eventId: 'e-1',
  type: 'signal.recorded',
  schemaVersion: 3,
  data: signal(gone, { text: ERASED, categories: [PERSONAL] }),
} as unknown as StoredEvent;

const row = (overrides: Partial<FeedRow>): FeedRow =>
  ({
    seq: '7',
    agency_seq: '3',
    agency: 'NLA',
    event_id: 'e-1',
    event_type: 'signal.recorded',
    schema_version: 3,
    withheld: [],
    carried: [CASE, PERSONAL],
    ...overrides,
  }) as FeedRow;

describe('erasureRewrites', () => {
  it('given a row that showed the person, then its payload becomes the opened event with the markers, and it counts as received', () => {
    const shown = row({ payload: signal(person, { text: 'Jan sleeps here', categories: [PERSONAL] }) });
    const { rewrites, lost } = erasureRewrites([shown], [opened]);
    expect(rewrites).toEqual([
      { seq: '7', schemaVersion: 3, payload: signal(gone, { text: ERASED, categories: [PERSONAL] }) },
    ]);
    expect(lost).toEqual([shown]);
  });

  it('given a row that withheld PERSONAL, then nothing changes: no marker where it saw null', () => {
    const withheld = row({
      agency: 'BD',
      carried: [CASE],
      withheld: [PERSONAL],
      payload: signal(null, null),
    });
    expect(erasureRewrites([withheld], [opened])).toEqual({ rewrites: [], lost: [] });
  });

  it('given a row written at an older schema version, then it is rewritten at the version the store reads', () => {
    const older = row({ schema_version: 2, payload: signal(person, 'Jan sleeps here') });
    expect(erasureRewrites([older], [opened]).rewrites[0]?.schemaVersion).toBe(3);
  });

  it('given a row already rewritten, or of another event, then it is left alone', () => {
    const again = row({ payload: signal(gone, { text: ERASED, categories: [PERSONAL] }) });
    const other = row({ seq: '8', event_id: 'e-2', payload: { agency: 'UWV' }, event_type: 'agency.joined' });
    expect(erasureRewrites([again, other], [opened])).toEqual({ rewrites: [], lost: [] });
  });
});
