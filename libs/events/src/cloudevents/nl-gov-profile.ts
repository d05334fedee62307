import { agencyKindOf, bsnsIn } from '#domain';

/*
 * The NL GOV profile for CloudEvents (Logius, "CloudEvents-NL"), as keten's feed messages apply it. The
 * profile asks, beyond CloudEvents 1.0:
 * - `source`: a URN with namespace `nld` naming the organisation (its OIN) and the system;
 * - `type`: reverse-DNS notation, with at most one version number (`v<n>`) and no organisation names,
 *   because organisations change while the meaning of an event does not;
 * - `time`: its meaning documented (keten: when the event store recorded the event);
 * - `sequence`: lexicographically orderable, for resynchronisation;
 * - no sensitive information in context attributes, which any intermediary may log;
 * - optionally `dataref`, a link back to the producer for information-poor notifications.
 */

/** The reverse-DNS prefix of keten's event types: the platform (the data source), not an organisation. */
export const FEED_TYPE_PREFIX = 'nl.keten.';

/** Digits of a feed position in `sequence`: every bigint fits, and equal widths sort as numbers. */
const SEQUENCE_DIGITS = 19;

/** The profile's `type` of an event: `nl.keten.<wire name>.v<schema version>`, e.g. `nl.keten.signal.recorded.v2`. */
export function feedEventType(wireName: string, schemaVersion: number): string {
  return `${FEED_TYPE_PREFIX}${wireName}.v${schemaVersion}`;
}

/** The wire name and schema version a profile `type` stands for, or undefined for a foreign type. */
export function parseFeedEventType(type: string): { wireName: string; schemaVersion: number } | undefined {
  const match = /^nl\.keten\.(.+)\.v([1-9]\d*)$/.exec(type);
  return match ? { wireName: match[1], schemaVersion: Number(match[2]) } : undefined;
}

/**
 * A feed position as the `sequence` attribute: zero-padded, so that comparing the strings compares the
 * positions. It is the GraphQL feed's position too (see the README: resynchronising).
 */
export function feedSequence(feedSeq: number | string | bigint): string {
  const digits = BigInt(feedSeq).toString();
  if (digits.startsWith('-') || digits.length > SEQUENCE_DIGITS) {
    throw new RangeError(`feed position ${digits} does not fit the sequence attribute`);
  }
  return digits.padStart(SEQUENCE_DIGITS, '0');
}

/** The feed position a `sequence` attribute carries. */
export function feedPositionOf(sequence: string): bigint {
  if (!new RegExp(`^\\d{${SEQUENCE_DIGITS}}$`).test(sequence)) {
    throw new RangeError(`'${sequence}' is not a keten feed sequence (${SEQUENCE_DIGITS} digits)`);
  }
  return BigInt(sequence);
}

const SOURCE_URN = /^urn:nld:(oin:\d{20}|kvknr:\d{8}):systeem:[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A top-level domain first (a country code, or one of the generic ones), then at least two more labels. */
const REVERSE_DNS_TYPE = /^(?:[a-z]{2}|com|org|net|int|gov|edu)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?){2,}$/;
const VERSION_LABEL = /^v\d+$/;
const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Words naming organisations rather than what happened; agency codes are checked on top of these. */
const ORGANISATION_WORDS = new Set([
  'logius',
  'arbeidsinspectie',
  'inspectieszw',
  'belastingdienst',
  'gemeente',
  'veiligheidsregio',
  'politie',
  'marechaussee',
]);
const DATA_CLASSIFICATIONS = new Set(['public', 'internal', 'confidential', 'restricted']);

/**
 * What in a structured-mode CloudEvent (its JSON, parsed) breaks the NL GOV profile as keten applies it;
 * an empty list when nothing does. The CloudEvents JSON schema itself is checked apart from this.
 */
export function nlGovProfileViolations(event: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const text = (name: string) => (typeof event[name] === 'string' ? (event[name] as string) : undefined);

  if (event.specversion !== '1.0') problems.push('specversion must be 1.0');
  if (!text('id')) problems.push('id must be a non-empty string');
  if (!SOURCE_URN.test(text('source') ?? '')) {
    problems.push(`source ${JSON.stringify(event.source)} is not urn:nld:oin:<OIN>:systeem:<system>`);
  }

  const type = text('type') ?? '';
  const labels = type.split('.');
  if (!REVERSE_DNS_TYPE.test(type)) problems.push(`type ${JSON.stringify(type)} is not reverse-DNS notation`);
  const versions = labels.filter((label) => VERSION_LABEL.test(label));
  if (versions.length > 1 || (versions.length === 1 && !VERSION_LABEL.test(labels[labels.length - 1]))) {
    problems.push(`type ${type} must carry at most one version, as its last part (v<n>)`);
  }
  const organisations = labels.filter(
    (label) => ORGANISATION_WORDS.has(label) || agencyKindOf(label.toUpperCase()) !== undefined,
  );
  if (organisations.length > 0)
    problems.push(`type ${type} names organisations: ${organisations.join(', ')}`);

  if (event.time !== undefined && !RFC3339.test(text('time') ?? '')) problems.push('time must be RFC 3339');
  if (event.datacontenttype !== undefined && event.datacontenttype !== 'application/json') {
    problems.push('datacontenttype must be application/json (the profile prefers JSON)');
  }
  if (event.data !== undefined && event.dataref !== undefined) {
    problems.push('a message carries either data or a dataref, not both');
  }
  if (event.data === undefined && event.dataref === undefined)
    problems.push('a message needs data or a dataref');
  if (!/^\d{19}$/.test(text('sequence') ?? '')) {
    problems.push('sequence must be the feed position as 19 digits (lexicographically orderable)');
  }

  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'data_base64') continue;
    if (!ATTRIBUTE_NAME.test(name))
      problems.push(`attribute name ${name} is not 1-20 lowercase letters or digits`);
    if (value !== null && typeof value === 'object')
      problems.push(`attribute ${name} is not a CloudEvents type`);
    // Personal data (here: a BSN) never travels in context attributes, which intermediaries may log. The
    // domain's own reading of BSNs in text: not the digit runs inside a UUID's hex groups.
    if (bsnsIn(String(value)).length > 0) problems.push(`attribute ${name} holds what looks like a BSN`);
  }

  const classification = text('dataclassification');
  if (!classification || !DATA_CLASSIFICATIONS.has(classification)) {
    problems.push('dataclassification must be public, internal, confidential or restricted');
  }
  if (classification === 'restricted' && (!text('dataregulation') || !text('datacategory'))) {
    problems.push('a restricted message names its dataregulation and datacategory');
  }
  return problems;
}
