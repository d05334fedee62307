import { parseAgencyCode, SignalSource, SignalSourceKind, Subject } from '#domain';

/**
 * `signal.recorded` version 1 named who reported in one free-text `reporter` field. Feeds could not tell a
 * partner agency from a union or a private person, and a whistle-blower's name sat in a field everyone
 * could read. Version 2 says what kind of source it was and keeps a name apart, so it can be classified
 * PERSONAL on its own.
 */
export interface SignalRecordedV1Data {
  readonly signalId: string;
  readonly recordedBy: string;
  /** Free text: an agency code, the name of an organisation or person, or empty when anonymous. */
  readonly reporter: string;
  readonly description: string;
  readonly subjects?: readonly Subject[];
  readonly confirmedInfection?: boolean;
  readonly healthDetail?: string;
}

/** Version 2: the source apart; its free text still plain text (version 3 classifies it). */
export interface SignalRecordedV2Data extends Omit<SignalRecordedV1Data, 'reporter'> {
  readonly source: SignalSource;
}

/** Pure and total: every v1 payload that was ever stored has a v2 reading. */
export function upcastSignalRecordedV1(v1: SignalRecordedV1Data): SignalRecordedV2Data {
  const { reporter, ...rest } = v1;
  // A feed row that withheld the reporter (null) keeps the source withheld: not "anonymous".
  if ((reporter as unknown) === null) return { ...rest, source: null as unknown as SignalSource };
  return { ...rest, source: sourceFromReporter(reporter) };
}

function sourceFromReporter(reporter: unknown): SignalSource {
  const text = typeof reporter === 'string' ? reporter.trim() : '';
  if (text === '') return { kind: SignalSourceKind.ANONYMOUS };
  const agency = parseAgencyCode(text);
  // Only an exact code counts as an agency: "nla" typed by hand was meant as one, "Nla Team Zuid" was not.
  if (agency.ok) return { kind: SignalSourceKind.PARTNER_AGENCY, agency: agency.value };
  return { kind: SignalSourceKind.EXTERNAL, name: text };
}
