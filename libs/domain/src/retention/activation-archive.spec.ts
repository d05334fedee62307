import { describe, expect, it } from '@jest/globals';
import { ActivationStatus } from '../activations/activation.vocabulary.js';
import { ProcessingActivityEvent } from '../processing-activities/processing-activity.events.js';
import { agencyCode } from '../shared/agency-code.value.js';
import {
  activationArchiveDecision,
  archiveDayOf,
  RecordedRegisterEvent,
  selectionListCategoryAt,
} from './activation-archive.js';
import { ArchiveNomination } from './archive-decision.js';

const terms = {
  name: 'Casusregie',
  purpose: 'Samen optreden',
  legalBasis: { text: 'Wgs', reference: 'Wgs art. 2' },
  controllers: [agencyCode('NLA'), agencyCode('VR17')],
  retention: 'P5Y',
};
const destroy5 = { id: '1.1.3', nomination: ArchiveNomination.DESTROY, term: 'P5Y' };
const keep = { id: '1.1.1', nomination: ArchiveNomination.KEEP };
const by = { proposedBy: 'a', proposerAgency: agencyCode('NLA') };
const approvedBy = { approvedBy: 'b', approverAgency: agencyCode('VR17'), reason: 'ok' };

const history: RecordedRegisterEvent[] = [
  {
    occurredAt: '2026-01-01T10:00:00Z',
    event: {
      type: 'processing-activity.proposed',
      data: { activityId: 'case-coordination', ...terms, selectionListCategory: destroy5, ...by },
    } as ProcessingActivityEvent,
  },
  {
    occurredAt: '2026-01-02T10:00:00Z',
    event: {
      type: 'processing-activity.approved',
      data: { ...terms, selectionListCategory: destroy5, version: 1, ...approvedBy },
    } as ProcessingActivityEvent,
  },
  {
    occurredAt: '2026-06-01T10:00:00Z',
    event: {
      type: 'processing-activity.change-proposed',
      data: { ...terms, selectionListCategory: keep, ...by, reason: 'bewaren' },
    } as ProcessingActivityEvent,
  },
  {
    occurredAt: '2026-06-02T10:00:00Z',
    event: {
      type: 'processing-activity.approved',
      data: { ...terms, selectionListCategory: keep, version: 2, ...approvedBy },
    } as ProcessingActivityEvent,
  },
];

describe('the archive decision of an activation, under its processing activity', () => {
  it('given a register entry changed over time, when an activation closed, then the category approved at that moment applies', () => {
    expect(selectionListCategoryAt(history, '2026-01-01T12:00:00Z')).toBeUndefined(); // proposed only
    expect(selectionListCategoryAt(history, '2026-03-01T12:00:00Z')).toEqual(destroy5);
    // A change proposed but not yet approved leaves the registered category in force.
    expect(selectionListCategoryAt(history, '2026-06-01T12:00:00Z')).toEqual(destroy5);
    expect(selectionListCategoryAt(history, '2026-07-01T12:00:00Z')).toEqual(keep);
    expect(selectionListCategoryAt([], '2026-07-01T12:00:00Z')).toBeUndefined();
  });

  it('given a closed activation, when decided, then it carries the category, the nomination and the day', () => {
    expect(
      activationArchiveDecision(
        { status: ActivationStatus.CLOSED, closedAt: '2026-03-15T10:00:00Z' },
        destroy5,
      ),
    ).toEqual({ category: '1.1.3', nomination: ArchiveNomination.DESTROY, actionDate: '2031-03-15' });
    expect(
      activationArchiveDecision({ status: ActivationStatus.CLOSED, closedAt: '2026-03-15T10:00:00Z' }, keep),
    ).toEqual({ category: '1.1.1', nomination: ArchiveNomination.KEEP, actionDate: null });
  });

  it('given an open or reopened activation, or no category, when decided, then there is no decision', () => {
    expect(
      activationArchiveDecision({ status: ActivationStatus.IN_PROGRESS, closedAt: null }, destroy5),
    ).toBeNull();
    expect(
      activationArchiveDecision(
        { status: ActivationStatus.OPEN, closedAt: '2026-03-15T10:00:00Z' },
        destroy5,
      ),
    ).toBeNull();
    expect(
      activationArchiveDecision(
        { status: ActivationStatus.CLOSED, closedAt: '2026-03-15T10:00:00Z' },
        undefined,
      ),
    ).toBeNull();
  });

  it('counts the day in the Netherlands: late evening UTC is already tomorrow there', () => {
    expect(archiveDayOf('2031-03-14T22:59:59Z')).toBe('2031-03-14');
    expect(archiveDayOf('2031-03-14T23:00:00Z')).toBe('2031-03-15');
  });
});
