import { describe, expect, it } from '@jest/globals';
import { SignalSourceKind } from '#domain';
import { unclassifiedPaths, upcastEventData } from './activation-events.catalogue.js';
import { SignalRecordedV1Data, upcastSignalRecordedV1 } from './signal-recorded.upcaster.js';

const v1: SignalRecordedV1Data = {
  signalId: 's-1',
  recordedBy: 'NLA',
  reporter: 'FNV Bouw',
  description: 'Workers sleep in a shed.',
  subjects: [],
  confirmedInfection: true,
  healthDetail: 'Two positive tests.',
};

describe('signal.recorded v1 → v2', () => {
  it('turns an agency code into a partner-agency source', () => {
    expect(upcastSignalRecordedV1({ ...v1, reporter: ' uwv ' }).source).toEqual({
      kind: SignalSourceKind.PARTNER_AGENCY,
      agency: 'UWV',
    });
  });

  it('turns any other name into an external source', () => {
    expect(upcastSignalRecordedV1(v1).source).toEqual({ kind: SignalSourceKind.EXTERNAL, name: 'FNV Bouw' });
    expect(upcastSignalRecordedV1({ ...v1, reporter: 'NLA team Zuid' }).source).toEqual({
      kind: SignalSourceKind.EXTERNAL,
      name: 'NLA team Zuid',
    });
  });

  it('turns an empty or missing reporter into an anonymous source', () => {
    expect(upcastSignalRecordedV1({ ...v1, reporter: '  ' }).source).toEqual({
      kind: SignalSourceKind.ANONYMOUS,
    });
    const { reporter: _r, ...withoutReporter } = v1;
    expect(upcastSignalRecordedV1(withoutReporter as SignalRecordedV1Data).source).toEqual({
      kind: SignalSourceKind.ANONYMOUS,
    });
  });

  it('keeps every other field and drops reporter', () => {
    const { reporter: _r, ...rest } = v1;
    expect(upcastSignalRecordedV1(v1)).toEqual({
      ...rest,
      source: { kind: SignalSourceKind.EXTERNAL, name: 'FNV Bouw' },
    });
  });

  it('yields, through the later upcasters, a payload the current catalogue classifies completely', () => {
    expect(
      unclassifiedPaths({ type: 'signal.recorded', data: upcastEventData('signal.recorded', 1, v1) }),
    ).toEqual([]);
  });

  it('does not change its input', () => {
    const input = structuredClone(v1);
    upcastSignalRecordedV1(input);
    expect(input).toEqual(v1);
  });
});
