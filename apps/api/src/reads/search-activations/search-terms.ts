import {
  BSN_FORMAT,
  bsnDigits,
  parseCaseNumber,
  parseKvkNumber,
  parseMunicipalityCode,
  parsePostcode,
} from '#domain';
import type { SearchTerms } from '#read-models';

/**
 * What a search text asks for, as people type it: Dutch full text always; exact identifiers when the text
 * (or a word of it) is one, normalised as the read model's search_keys hold them (case number and
 * municipality code in upper case, postcode without its space, KvK as 8 digits); a BSN written together
 * or grouped with dots or spaces; and persons by name. Which of these an agency finds is up to its own
 * read model: it holds the persons' names and BSNs only where the agency may see them.
 */
export function searchTermsOf(text: string): SearchTerms {
  const trimmed = text.trim();
  const keys = new Set<string>();
  for (const candidate of [trimmed, ...trimmed.split(/\s+/)]) {
    const caseNumber = parseCaseNumber(candidate);
    if (caseNumber.ok) keys.add(caseNumber.value);
    const postcode = parsePostcode(candidate);
    if (postcode.ok) keys.add(postcode.value.replace(' ', ''));
    const kvk = parseKvkNumber(candidate.replace(/[.\s]/g, ''));
    if (kvk.ok) keys.add(kvk.value);
    const municipality = parseMunicipalityCode(candidate);
    if (municipality.ok) keys.add(municipality.value);
  }
  const digits = bsnDigits(trimmed);
  return {
    text: trimmed,
    keys: [...keys],
    bsn: BSN_FORMAT.test(digits) ? digits : undefined,
    names: true,
  };
}
