import { DataCategory } from '#domain';
import { accessLogLines, UNNAMED_SUBJECT } from './access-log-lines.js';
import { disclosureOf } from './disclosure.js';
import { SubjectIdType, SubjectPseudonym } from '#events';

const pseudonym = new SubjectPseudonym('unit-test-key-0123456789abcdef0123');
const { PERSONAL, CRIMINAL } = DataCategory;

const signal = (subjects: unknown[]) => ({
  signalId: 's-1',
  recordedBy: 'NLA',
  source: { kind: 'PARTNER_AGENCY', agency: 'NLA' },
  description: 'A tip.',
  subjects,
});
const finding = (subjects: unknown[]) => ({
  findingId: 'f-1',
  category: 'CRIMINAL',
  description: 'Passports withheld.',
  recordedBy: 'NLA',
  subjects,
});

describe('accessLogLines: one line per data subject per activation', () => {
  it('given a subject with a BSN, when read, then its pseudonym is of the BSN, the same in every case', () => {
    const lines = accessLogLines(pseudonym, [
      disclosureOf('a-1', 'signal.recorded', signal([{ subjectId: 'w1', bsn: '111222333' }])),
      disclosureOf('a-2', 'signal.recorded', signal([{ subjectId: 'k7', bsn: '111222333' }])),
    ]);
    expect(lines.map((line) => [line.activationId, line.subjectType])).toEqual([
      ['a-1', SubjectIdType.BSN],
      ['a-2', SubjectIdType.BSN],
    ]);
    expect(lines[0].subjectRef).toBe(pseudonym.ofBsn('111222333'));
    expect(lines[1].subjectRef).toBe(lines[0].subjectRef);
    expect(lines[0].caseSubjectRef).toBe(pseudonym.ofCaseSubject('a-1', 'w1'));
  });

  it('given the same subject id in two cases without a BSN, then they are two pseudonyms', () => {
    const lines = accessLogLines(pseudonym, [
      disclosureOf('a-1', 'signal.recorded', signal([{ subjectId: 'w1' }])),
      disclosureOf('a-2', 'signal.recorded', signal([{ subjectId: 'w1' }])),
    ]);
    expect(lines.map((line) => line.subjectType)).toEqual([
      SubjectIdType.CASE_SUBJECT,
      SubjectIdType.CASE_SUBJECT,
    ]);
    expect(lines[0].subjectRef).not.toBe(lines[1].subjectRef);
  });

  it('given a BSN in one event of the read, then a later event naming the subject id alone joins that line', () => {
    const lines = accessLogLines(pseudonym, [
      disclosureOf('a-1', 'signal.recorded', signal([{ subjectId: 'w1', bsn: '111222333' }])),
      disclosureOf('a-1', 'finding.recorded', finding([{ subjectId: 'w1' }])),
      // Another case's w1 is not given that BSN.
      disclosureOf('a-2', 'finding.recorded', finding([{ subjectId: 'w1' }])),
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      activationId: 'a-1',
      subjectType: SubjectIdType.BSN,
      categories: [CRIMINAL, PERSONAL],
    });
    expect(lines[1]).toMatchObject({ activationId: 'a-2', subjectType: SubjectIdType.CASE_SUBJECT });
  });

  it('given logged data naming no one, then one unnamed line per activation', () => {
    const lines = accessLogLines(pseudonym, [
      disclosureOf('a-1', 'signal.recorded', {
        ...signal([]),
        source: { kind: 'EXTERNAL', name: 'A neighbour' },
      }),
    ]);
    expect(lines).toEqual([
      {
        activationId: 'a-1',
        subjectRef: UNNAMED_SUBJECT,
        subjectType: SubjectIdType.UNNAMED,
        caseSubjectRef: null,
        categories: [PERSONAL],
      },
    ]);
  });

  it('keeps the kinds of pseudonym apart: a subject id that looks like a BSN is not that BSN', () => {
    expect(pseudonym.ofLegacySubjectId('111222333')).not.toBe(pseudonym.ofBsn('111222333'));
    expect(pseudonym.ofCaseSubject('a-1', '111222333')).not.toBe(pseudonym.ofBsn('111222333'));
  });
});
