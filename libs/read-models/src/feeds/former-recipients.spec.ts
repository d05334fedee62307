import { DataCategory } from '#domain';
import { StoredEvent } from '#events';
import type { FeedRow } from './feed.table.js';
import { formerRecipients } from './former-recipients.js';

const { CASE, PERSONAL, LOCATION, EMPLOYER } = DataCategory;

const row = (agency: string, type: string, carried: DataCategory[], payload: unknown, region = 'VR17') =>
  ({ agency, event_type: type, carried, withheld: [], payload, region }) as unknown as FeedRow;
const event = (type: string, data: unknown) => ({ type, data }) as StoredEvent;

/** UWV saw the signal's person, BD the signal without them; both left. NLA is still entitled. */
const ledger = [
  row('NLA', 'activation.opened', [CASE, LOCATION, EMPLOYER], {}),
  row('UWV', 'activation.opened', [CASE, EMPLOYER], {}),
  row('BD', 'activation.opened', [CASE, EMPLOYER], {}, 'VR09'),
  row('UWV', 'signal.recorded', [CASE, PERSONAL], { signalId: 's-1' }),
  row('BD', 'signal.recorded', [CASE], { signalId: 's-1' }, 'VR09'),
  row('NLA', 'signal.recorded', [CASE, PERSONAL], { signalId: 's-1' }),
];
const entitled = new Set(['NLA']);
const agencies = (event: StoredEvent, lost: FeedRow[] = []) =>
  formerRecipients(event, ledger, entitled, lost).map((r) => [r.agency, [...r.categories].sort(), r.region]);

describe('formerRecipients', () => {
  it('tells of a corrected person only those that saw the person in that entry', () => {
    const corrected = event('subject.corrected', {
      entryKind: 'SIGNAL',
      entryId: 's-1',
      subjectCategories: [PERSONAL],
    });
    expect(agencies(corrected)).toEqual([['UWV', [CASE, PERSONAL], 'VR17']]);
  });

  it('tells of a withdrawn entry every former recipient of the entry, with what it carried', () => {
    expect(agencies(event('entry.withdrawn', { entryKind: 'SIGNAL', entryId: 's-1' }))).toEqual([
      ['UWV', [CASE, PERSONAL], 'VR17'],
      ['BD', [CASE], 'VR09'],
    ]);
    expect(agencies(event('entry.withdrawn', { entryKind: 'SIGNAL', entryId: 's-late' }))).toEqual([]);
  });

  it('tells of a corrected location or employer only those whose feed carried one', () => {
    expect(agencies(event('location.corrected', {}))).toEqual([]);
    expect(agencies(event('employer.corrected', {})).map(([agency]) => agency)).toEqual(['UWV', 'BD']);
  });

  it('tells of an erasure only those whose rows lost a value, with those rows’ categories', () => {
    const erased = event('personal-data.erased', { scope: 'PERSON' });
    expect(agencies(erased, [ledger[3]!, ledger[5]!])).toEqual([['UWV', [CASE, PERSONAL], 'VR17']]);
    expect(agencies(erased)).toEqual([]);
  });

  it('tells no one of any other event', () => {
    expect(agencies(event('finding.recorded', { findingId: 'f-1' }))).toEqual([]);
  });
});
