import { parseAgencyCode, SignalRecordedData, SignalSource, SignalSourceKind, Subject } from '#domain';

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

/** Pure and total: every v1 payload that was ever stored has a v2 reading. */
export function upcastSignalRecordedV1(v1: SignalRecordedV1Data): SignalRecordedData {
  const { reporter, ...rest } = v1;
  return { ...(rest as Omit<SignalRecordedData, 'source'>), source: sourceFromReporter(reporter) };
}

function sourceFromReporter(reporter: unknown): SignalSource {
  const text = typeof reporter === 'string' ? reporter.trim() : '';
  if (text === '') return { kind: SignalSourceKind.ANONYMOUS };
  const agency = parseAgencyCode(text);
  // Only an exact code counts as an agency: "nla" typed by hand was meant as one, "Nla Team Zuid" was not.
  if (agency.ok) return { kind: SignalSourceKind.PARTNER_AGENCY, agency: agency.value };
  return { kind: SignalSourceKind.EXTERNAL, name: text };
}
